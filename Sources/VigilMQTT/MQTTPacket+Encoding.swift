import NIOCore

extension MQTTPacket {
    /// Appends this packet's wire form to `buffer`.
    ///
    /// The packet is checked against the same rules the decoder enforces
    /// (valid topics, non-zero packet identifiers, packet identifier present
    /// exactly at QoS > 0, non-empty topic lists, fields within 65,535 bytes),
    /// so anything encoded decodes again. The protocol name and level of a
    /// CONNECT are written as given.
    ///
    /// - Throws: ``MQTTProtocolError`` if the packet breaks a rule; nothing is
    ///   written then.
    public func encode(into buffer: inout ByteBuffer) throws(MQTTProtocolError) {
        let writer = MQTTFieldWriter(packetType: type)
        let (flags, remainingLength) = try measure(with: writer)
        guard remainingLength <= MQTTFixedHeader.maximumRemainingLength else {
            throw writer.error(.packetTooLarge)
        }
        buffer.reserveCapacity(minimumWritableBytes: remainingLength + 5)
        buffer.writeInteger(type.rawValue << 4 | flags)
        MQTTFixedHeader.writeRemainingLength(remainingLength, to: &buffer)
        writeBody(to: &buffer)
    }

    /// The fixed-header flags and remaining length, after checking every field.
    private func measure(with writer: MQTTFieldWriter) throws(MQTTProtocolError) -> (flags: UInt8, length: Int) {
        let flags = type.requiredFlags ?? 0
        switch self {
        case .connect(let connect):
            return (flags, try connect.measure(with: writer))
        case .connack:
            return (flags, 2)
        case .publish(let publish):
            return try publish.measure(with: writer)
        case .puback(let id), .pubrec(let id), .pubrel(let id), .pubcomp(let id), .unsuback(let id):
            return (flags, try writer.measure(packetID: id))
        case .subscribe(let subscribe):
            guard !subscribe.subscriptions.isEmpty else { throw writer.error(.emptyTopicList) }
            var length = try writer.measure(packetID: subscribe.packetID)
            for subscription in subscribe.subscriptions {
                length += try writer.measure(topicFilter: subscription.topicFilter) + 1
            }
            return (flags, length)
        case .suback(let suback):
            guard !suback.returnCodes.isEmpty else { throw writer.error(.emptyTopicList) }
            return (flags, try writer.measure(packetID: suback.packetID) + suback.returnCodes.count)
        case .unsubscribe(let unsubscribe):
            guard !unsubscribe.topicFilters.isEmpty else { throw writer.error(.emptyTopicList) }
            var length = try writer.measure(packetID: unsubscribe.packetID)
            for filter in unsubscribe.topicFilters {
                length += try writer.measure(topicFilter: filter)
            }
            return (flags, length)
        case .pingreq, .pingresp, .disconnect:
            return (flags, 0)
        }
    }

    /// Writes the variable header and payload of a measured packet.
    private func writeBody(to buffer: inout ByteBuffer) {
        switch self {
        case .connect(let connect):
            connect.writeBody(to: &buffer)
        case .connack(let connack):
            buffer.writeInteger(UInt8(connack.sessionPresent ? 1 : 0))
            buffer.writeInteger(connack.returnCode.rawValue)
        case .publish(let publish):
            buffer.writeMQTTString(publish.topic)
            if let packetID = publish.packetID { buffer.writeInteger(packetID.rawValue) }
            buffer.writeImmutableBuffer(publish.payload)
        case .puback(let id), .pubrec(let id), .pubrel(let id), .pubcomp(let id), .unsuback(let id):
            buffer.writeInteger(id.rawValue)
        case .subscribe(let subscribe):
            buffer.writeInteger(subscribe.packetID.rawValue)
            for subscription in subscribe.subscriptions {
                buffer.writeMQTTString(subscription.topicFilter)
                buffer.writeInteger(subscription.qos.rawValue)
            }
        case .suback(let suback):
            buffer.writeInteger(suback.packetID.rawValue)
            for code in suback.returnCodes { buffer.writeInteger(code.rawValue) }
        case .unsubscribe(let unsubscribe):
            buffer.writeInteger(unsubscribe.packetID.rawValue)
            for filter in unsubscribe.topicFilters { buffer.writeMQTTString(filter) }
        case .pingreq, .pingresp, .disconnect:
            break
        }
    }
}

extension MQTTConnect {
    fileprivate func measure(with writer: MQTTFieldWriter) throws(MQTTProtocolError) -> Int {
        if password != nil && username == nil { throw writer.error(.passwordWithoutUsername) }
        var length = try writer.measure(string: protocolName) + 1 + 1 + 2
        length += try writer.measure(string: clientID)
        if let will {
            length += try writer.measure(topicName: will.topic)
            length += try writer.measure(binary: will.message)
        }
        if let username { length += try writer.measure(string: username) }
        if let password { length += try writer.measure(binary: password) }
        return length
    }

    fileprivate func writeBody(to buffer: inout ByteBuffer) {
        var flags: UInt8 = cleanSession ? 0b0000_0010 : 0
        if let will {
            flags |= 0b0000_0100 | will.qos.rawValue << 3 | (will.retain ? 0b0010_0000 : 0)
        }
        if password != nil { flags |= 0b0100_0000 }
        if username != nil { flags |= 0b1000_0000 }
        buffer.writeMQTTString(protocolName)
        buffer.writeInteger(protocolLevel)
        buffer.writeInteger(flags)
        buffer.writeInteger(keepAlive)
        buffer.writeMQTTString(clientID)
        if let will {
            buffer.writeMQTTString(will.topic)
            buffer.writeMQTTBinary(will.message)
        }
        if let username { buffer.writeMQTTString(username) }
        if let password { buffer.writeMQTTBinary(password) }
    }
}

extension MQTTPublish {
    fileprivate func measure(with writer: MQTTFieldWriter) throws(MQTTProtocolError) -> (flags: UInt8, length: Int) {
        var length = try writer.measure(topicName: topic)
        switch (qos, packetID) {
        case (.atMostOnce, nil):
            if dup { throw writer.error(.duplicateFlagAtQoS0) }
        case (.atLeastOnce, let id?), (.exactlyOnce, let id?):
            length += try writer.measure(packetID: id)
        default:
            throw writer.error(.inconsistentPacketIdentifier)
        }
        let flags = (dup ? 0b1000 : 0) | qos.rawValue << 1 | (retain ? 1 : 0)
        return (flags, length + payload.readableBytes)
    }
}
