import VigilCore

/// The members of a reading object that Vigil reads; others are ignored and
/// members that are `null` count as absent.
struct ReadingFields {
    var type: JSONMember?
    var code: JSONMember?
    var value: JSONMember?
    var unit: JSONMember?
    var time: JSONMember?
    var systolic: JSONMember?
    var diastolic: JSONMember?

    /// Picks out the members Vigil reads.
    /// - Throws: `invalid_value` when one of them appears twice, as the reading is then ambiguous.
    init(_ members: [JSONMember]) throws(ReadingRejection) {
        for member in members where !member.value.isNull {
            switch member.key {
            case "type": try Self.fill(&type, with: member)
            case "code": try Self.fill(&code, with: member)
            case "value": try Self.fill(&value, with: member)
            case "unit": try Self.fill(&unit, with: member)
            case "time": try Self.fill(&time, with: member)
            case "systolic": try Self.fill(&systolic, with: member)
            case "diastolic": try Self.fill(&diastolic, with: member)
            default: continue
            }
        }
    }

    private static func fill(_ slot: inout JSONMember?, with member: JSONMember) throws(ReadingRejection) {
        guard slot == nil else { throw ReadingRejection(.invalidValue) }
        slot = member
    }

    /// What the reading says it is, from `type`, `code` or both (which must agree).
    func kind() throws(ReadingRejection) -> ReadingKind {
        let byName = try type.map { member throws(ReadingRejection) in
            guard case .string(let name) = member.value, let kind = ReadingKind(name: name) else {
                throw ReadingRejection(.unknownType)
            }
            return kind
        }
        let byCode = try code.map { member throws(ReadingRejection) in
            guard case .string(let loinc) = member.value, let kind = ReadingKind(loinc: loinc) else {
                throw ReadingRejection(.unknownType)
            }
            return kind
        }
        switch (byName, byCode) {
        case (let name?, let code?) where name == code: return name
        case (let name?, nil): return name
        case (nil, let code?): return code
        default: throw ReadingRejection(.unknownType)
        }
    }
}
