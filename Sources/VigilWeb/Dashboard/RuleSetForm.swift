import Foundation
import VigilAnalytics
import VigilCore

/// The rules page's form editor, without I/O: the rows it shows for the
/// rules in effect, and the rule set a submitted form makes of them.
///
/// Every rule in effect is a row, then every condition preset not among
/// them (switched off). A row's checkbox `enabled` (value: the rule id)
/// switches it on; `value.{id}` edits a threshold, `amount.{id}` a trend's
/// amount; `remove` (value: the rule id) drops a rule that is not a preset.
/// The `new.*` fields add a threshold rule. Rules the form cannot edit
/// (a trend's window, a duration, a severity) are kept as they are.
struct RuleSetForm {
    /// One rule as the form shows it.
    struct Row {
        let index: Int
        let id: String
        let name: String
        let typeName: String
        let severity: String
        let enabled: Bool
        let isPreset: Bool
        /// The editable number: a threshold's value or a trend's amount.
        let field: String
        let number: String
        let unit: String
        /// What the number means: "<", "rise ≥", ….
        let relation: String
        /// After the number: " for 10 min", " in 24 h", or nothing.
        let suffix: String
    }

    /// A choice in one of the new rule's lists.
    struct Option {
        let value: String
        let label: String
    }

    /// The rules in effect, then the presets that are not.
    let rules: [Rule]
    /// Where each preset id comes from, to tell presets from other rules.
    private let presets: [RuleID: Rule]
    /// The ids of the rules in effect.
    private let currentIDs: Set<RuleID>

    /// The form for `current`, the rules in effect.
    init(current: RuleSet) {
        let catalogue = RulePresets.rules(for: Condition.allCases)
        presets = Dictionary(catalogue.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let shown = Set(current.rules.map(\.id))
        rules = current.rules + catalogue.filter { !shown.contains($0.id) }.map { preset in
            var preset = preset
            preset.isEnabled = false
            return preset
        }
        currentIDs = shown
    }

    /// The rows, in order.
    var rows: [Row] {
        rules.enumerated().map { index, rule in
            let (field, number, relation, suffix): (String, Double, String, String)
            switch rule.condition {
            case .threshold(let condition):
                (field, number, relation) = ("value.", condition.value, condition.comparison.rawValue)
                suffix = condition.duration.map { " for \(Self.plain($0 / 60)) min" } ?? ""
            case .trend(let condition):
                (field, number, relation) = ("amount.", condition.amount, condition.direction.rawValue + " ≥")
                suffix = " in \(Self.plain(condition.window / 3600)) h"
            }
            return Row(
                index: index, id: rule.id.rawValue, name: rule.name, typeName: rule.type.displayName,
                severity: rule.severity.rawValue, enabled: rule.isEnabled, isPreset: presets[rule.id] != nil,
                field: field + rule.id.rawValue, number: Self.plain(number), unit: rule.type.canonicalUnit ?? "",
                relation: relation, suffix: suffix)
        }
    }

    /// The vital types a new threshold rule may read.
    static let types = VitalType.allCases.map { Option(value: $0.rawValue, label: $0.displayName) }
    /// The comparisons a new threshold rule may use.
    static let comparisons = RuleComparison.allCases.map { Option(value: $0.rawValue, label: $0.rawValue) }
    /// The severities a new rule may have, least urgent first.
    static let severities = RuleSeverity.allCases.map { Option(value: $0.rawValue, label: $0.rawValue) }

    /// The rule set the submitted `form` makes: switched rules, edited
    /// numbers, removed rules dropped, and a new threshold rule (with an id
    /// from `newID`) when `new.type` is filled in. Validation of the result
    /// is the caller's (`RulesController.save`).
    ///
    /// - Throws: `VigilError` 400 for a number that is not one, or an
    ///   incomplete new rule.
    func ruleSet(from form: FormBody, newID: () -> RuleID) throws -> RuleSet {
        let enabled = Set(form.values("enabled"))
        let removed = Set(form.values("remove"))
        var result: [Rule] = []
        for var rule in rules {
            let id = rule.id.rawValue
            if removed.contains(id) && presets[rule.id] == nil { continue }
            rule.isEnabled = enabled.contains(id)
            guard currentIDs.contains(rule.id) || rule.isEnabled else { continue }
            try edit(&rule, form)
            result.append(rule)
        }
        if let added = try newRule(form, id: newID) { result.append(added) }
        return RuleSet(rules: result)
    }

    /// Applies the form's number for `rule`. A rule whose name described its
    /// old condition (a preset's name, or an unnamed rule's summary) is
    /// renamed after the new one when the number changed.
    private func edit(_ rule: inout Rule, _ form: FormBody) throws {
        let old = rule.condition
        let describedItself = rule.name == old.summary || rule.name == presets[rule.id]?.name
        switch rule.condition {
        case .threshold(var condition):
            guard let value = try Self.number(form.trimmed("value." + rule.id.rawValue), rule: rule.id) else { return }
            condition.value = value
            rule.condition = .threshold(condition)
        case .trend(var condition):
            guard let amount = try Self.number(form.trimmed("amount." + rule.id.rawValue), rule: rule.id) else { return }
            condition.amount = amount
            rule.condition = .trend(condition)
        }
        if describedItself && rule.condition != old { rule.name = rule.condition.summary }
    }

    private func newRule(_ form: FormBody, id: () -> RuleID) throws -> Rule? {
        guard let typeName = form.trimmed("new.type") else { return nil }
        guard let type = VitalType(rawValue: typeName),
            let comparison = form["new.comparison"].flatMap(RuleComparison.init(rawValue:)),
            let severity = form["new.severity"].flatMap(RuleSeverity.init(rawValue:))
        else { throw VigilError.badRequest("Choose the new rule's type, comparison and severity.", code: "invalid_rules") }
        let ruleID = id()
        guard let value = try Self.number(form.trimmed("new.value"), rule: ruleID) else {
            throw VigilError.badRequest("Enter the new rule's threshold.", code: "invalid_rules")
        }
        let minutes = try Self.number(form.trimmed("new.duration"), rule: ruleID)
        return Rule(
            id: ruleID, name: form.trimmed("new.name"), severity: severity,
            condition: .threshold(
                ThresholdCondition(type: type, comparison: comparison, value: value, duration: minutes.map { $0 * 60 })))
    }

    /// A typed number, nil when the field is blank.
    private static func number(_ text: String?, rule: RuleID) throws -> Double? {
        guard let text else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw VigilError.badRequest("Rule '\(rule.rawValue)': '\(text)' is not a number.", code: "invalid_rules")
        }
        return value
    }

    /// `180`, `0.5`: the shortest text of a number.
    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
