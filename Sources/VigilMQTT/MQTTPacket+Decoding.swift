import NIOCore

extension MQTTPacket {
    /// Decodes the variable header and payload of a packet whose fixed header
    /// has already been read and checked; `body` holds exactly its remaining length.
    static func decode(
        _ header: MQTTFixedHeader,
        body: ByteBuffer
    ) throws(MQTTProtocolError) -> MQTTPacket {
        var reader = MQTTFieldReader(body: body, packetType: header.type)
        let packet: MQTTPacket
        switch header.type {
        case .connect: packet = .connect(try MQTTConnect.decode(from: &reader))
        case .connack: packet = .connack(try MQTTConnAck.decode(from: &reader))
        case .publish: packet = .publish(try MQTTPublish.decode(flags: header.flags, from: &reader))
        case .puback: packet = .puback(try reader.readPacketID())
        case .pubrec: packet = .pubrec(try reader.readPacketID())
        case .pubrel: packet = .pubrel(try reader.readPacketID())
        case .pubcomp: packet = .pubcomp(try reader.readPacketID())
        case .subscribe: packet = .subscribe(try MQTTSubscribe.decode(from: &reader))
        case .suback: packet = .suback(try MQTTSubAck.decode(from: &reader))
        case .unsubscribe: packet = .unsubscribe(try MQTTUnsubscribe.decode(from: &reader))
        case .unsuback: packet = .unsuback(try reader.readPacketID())
        case .pingreq: packet = .pingreq
        case .pingresp: packet = .pingresp
        case .disconnect: packet = .disconnect
        }
        try reader.finish()
        return packet
    }
}

extension MQTTConnect {
    fileprivate static func decode(from reader: inout MQTTFieldReader) throws(MQTTProtocolError) -> MQTTConnect {
        // Name and level come first so that a client of another MQTT version is
        // told so (CONNACK 0x01) even if the rest of its CONNECT differs.
        let protocolName = try reader.readString()
        guard protocolName.utf8.elementsEqual(Self.protocolName.utf8) else {
            throw reader.error(.unsupportedProtocolName)
        }
        let protocolLevel = try reader.readByte()
        guard protocolLevel == Self.protocolLevel else { throw reader.error(.unsupportedProtocolLevel) }

        let flags = try reader.readByte()
        guard flags & 0b0000_0001 == 0 else { throw reader.error(.reservedConnectFlag) }
        let cleanSession = flags & 0b0000_0010 != 0
        let willFlag = flags & 0b0000_0100 != 0
        let willQoSBits = (flags >> 3) & 0b11
        let willRetain = flags & 0b0010_0000 != 0
        let passwordFlag = flags & 0b0100_0000 != 0
        let usernameFlag = flags & 0b1000_0000 != 0
        if !willFlag && (willQoSBits != 0 || willRetain) { throw reader.error(.willFlagsWithoutWill) }
        guard let willQoS = MQTTQoS(rawValue: willQoSBits) else { throw reader.error(.invalidWillQoS) }
        if passwordFlag && !usernameFlag { throw reader.error(.passwordWithoutUsername) }

        let keepAlive = try reader.readUInt16()
        let clientID = try reader.readString()
        var will: MQTTWill?
        if willFlag {
            let topic = try reader.readTopicName()
            let message = try reader.readOwnedBinary()
            will = MQTTWill(topic: topic, message: message, qos: willQoS, retain: willRetain)
        }
        let username = usernameFlag ? try reader.readString() : nil
        let password = passwordFlag ? try reader.readOwnedBinary() : nil
        return MQTTConnect(
            protocolName: protocolName,
            protocolLevel: protocolLevel,
            cleanSession: cleanSession,
            keepAlive: keepAlive,
            clientID: clientID,
            will: will,
            username: username,
            password: password
        )
    }
}

extension MQTTConnAck {
    fileprivate static func decode(from reader: inout MQTTFieldReader) throws(MQTTProtocolError) -> MQTTConnAck {
        let flags = try reader.readByte()
        guard flags & 0b1111_1110 == 0 else { throw reader.error(.invalidConnAckFlags) }
        guard let returnCode = MQTTConnectReturnCode(rawValue: try reader.readByte()) else {
            throw reader.error(.invalidConnectReturnCode)
        }
        return MQTTConnAck(sessionPresent: flags & 1 != 0, returnCode: returnCode)
    }
}

extension MQTTPublish {
    fileprivate static func decode(
        flags: UInt8,
        from reader: inout MQTTFieldReader
    ) throws(MQTTProtocolError) -> MQTTPublish {
        // The fixed header has already refused QoS 3 and DUP at QoS 0.
        let qos = MQTTQoS(rawValue: (flags >> 1) & 0b11) ?? .atMostOnce
        let topic = try reader.readTopicName()
        let packetID = qos == .atMostOnce ? nil : try reader.readPacketID()
        return MQTTPublish(
            dup: flags & 0b1000 != 0,
            qos: qos,
            retain: flags & 0b0001 != 0,
            topic: topic,
            packetID: packetID,
            payload: reader.readRest()
        )
    }
}

extension MQTTSubscribe {
    fileprivate static func decode(from reader: inout MQTTFieldReader) throws(MQTTProtocolError) -> MQTTSubscribe {
        let packetID = try reader.readPacketID()
        var subscriptions: [MQTTSubscription] = []
        while !reader.isAtEnd {
            let filter = try reader.readTopicFilter()
            // The upper six bits are reserved and must be 0; QoS 3 is invalid.
            guard let qos = MQTTQoS(rawValue: try reader.readByte()) else {
                throw reader.error(.invalidRequestedQoS)
            }
            subscriptions.append(MQTTSubscription(topicFilter: filter, qos: qos))
        }
        guard !subscriptions.isEmpty else { throw reader.error(.emptyTopicList) }
        return MQTTSubscribe(packetID: packetID, subscriptions: subscriptions)
    }
}

extension MQTTSubAck {
    fileprivate static func decode(from reader: inout MQTTFieldReader) throws(MQTTProtocolError) -> MQTTSubAck {
        let packetID = try reader.readPacketID()
        var returnCodes: [MQTTSubAckReturnCode] = []
        while !reader.isAtEnd {
            guard let code = MQTTSubAckReturnCode(rawValue: try reader.readByte()) else {
                throw reader.error(.invalidSubAckReturnCode)
            }
            returnCodes.append(code)
        }
        guard !returnCodes.isEmpty else { throw reader.error(.emptyTopicList) }
        return MQTTSubAck(packetID: packetID, returnCodes: returnCodes)
    }
}

extension MQTTUnsubscribe {
    fileprivate static func decode(from reader: inout MQTTFieldReader) throws(MQTTProtocolError) -> MQTTUnsubscribe {
        let packetID = try reader.readPacketID()
        var filters: [String] = []
        while !reader.isAtEnd {
            filters.append(try reader.readTopicFilter())
        }
        guard !filters.isEmpty else { throw reader.error(.emptyTopicList) }
        return MQTTUnsubscribe(packetID: packetID, topicFilters: filters)
    }
}
