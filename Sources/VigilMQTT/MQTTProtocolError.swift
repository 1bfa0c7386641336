/// A violation of MQTT 3.1.1 found while decoding or encoding a packet.
///
/// The ``code`` is stable and meant for branching, metrics and logs; the
/// ``description`` names the code and the packet type only, never any bytes
/// of the packet, so it is safe to log.
public struct MQTTProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What rule was broken.
    public var code: Code
    /// The type of the packet that broke it, when known.
    public var packetType: MQTTPacketType?

    /// Creates an error.
    public init(_ code: Code, packetType: MQTTPacketType? = nil) {
        self.code = code
        self.packetType = packetType
    }

    /// The CONNACK return code to answer with before closing, if this error
    /// allows one: a CONNECT for another protocol name or level gets
    /// ``MQTTConnectReturnCode/unacceptableProtocolVersion``. Every other
    /// error closes the connection without a CONNACK.
    public var connectReturnCode: MQTTConnectReturnCode? {
        switch code {
        case .unsupportedProtocolName, .unsupportedProtocolLevel: .unacceptableProtocolVersion
        default: nil
        }
    }

    /// `mqtt_<code>`, with the packet type when known, such as
    /// `mqtt_invalid_topic_name in PUBLISH`.
    public var description: String {
        if let packetType {
            "mqtt_\(code) in \(packetType)"
        } else {
            "mqtt_\(code)"
        }
    }
}

extension MQTTProtocolError {
    /// A stable snake_case name of a broken rule.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The snake_case name, such as `reserved_packet_type`.
        public var description: String { name }

        /// Fixed-header type 0 or 15.
        public static let reservedPacketType = Self("reserved_packet_type")
        /// Fixed-header flags other than the ones the packet type requires.
        public static let invalidFixedHeaderFlags = Self("invalid_fixed_header_flags")
        /// PUBLISH with QoS 3.
        public static let invalidQoS = Self("invalid_qos")
        /// PUBLISH with DUP set at QoS 0.
        public static let duplicateFlagAtQoS0 = Self("duplicate_flag_at_qos0")
        /// Remaining length longer than 4 bytes.
        public static let malformedRemainingLength = Self("malformed_remaining_length")
        /// A packet larger than the configured maximum (or than MQTT allows).
        public static let packetTooLarge = Self("packet_too_large")
        /// The fields need more bytes than the remaining length holds.
        public static let truncatedPacket = Self("truncated_packet")
        /// Bytes left over after the last field.
        public static let trailingBytes = Self("trailing_bytes")
        /// A string that is not well-formed UTF-8 (including encoded surrogates).
        public static let invalidUTF8 = Self("invalid_utf8")
        /// A string containing U+0000.
        public static let nullCharacter = Self("null_character")
        /// A string or binary field longer than 65,535 bytes (encoding only).
        public static let fieldTooLong = Self("field_too_long")
        /// A topic name that is empty or contains `+` or `#`.
        public static let invalidTopicName = Self("invalid_topic_name")
        /// A topic filter with misplaced wildcards, or an empty one.
        public static let invalidTopicFilter = Self("invalid_topic_filter")
        /// SUBSCRIBE, SUBACK or UNSUBSCRIBE with no entries.
        public static let emptyTopicList = Self("empty_topic_list")
        /// A requested QoS above 2 or with reserved bits set.
        public static let invalidRequestedQoS = Self("invalid_requested_qos")
        /// A SUBACK return code other than 0, 1, 2 and 0x80.
        public static let invalidSubAckReturnCode = Self("invalid_suback_return_code")
        /// A CONNACK return code above 5.
        public static let invalidConnectReturnCode = Self("invalid_connect_return_code")
        /// CONNACK acknowledge flags with reserved bits set.
        public static let invalidConnAckFlags = Self("invalid_connack_flags")
        /// A CONNECT whose protocol name is not `MQTT`.
        public static let unsupportedProtocolName = Self("unsupported_protocol_name")
        /// A CONNECT whose protocol level is not 4.
        public static let unsupportedProtocolLevel = Self("unsupported_protocol_level")
        /// A CONNECT with the reserved flag bit set.
        public static let reservedConnectFlag = Self("reserved_connect_flag")
        /// A CONNECT with will QoS 3.
        public static let invalidWillQoS = Self("invalid_will_qos")
        /// A CONNECT with will QoS or will retain set but no will flag.
        public static let willFlagsWithoutWill = Self("will_flags_without_will")
        /// A CONNECT with the password flag but not the user-name flag.
        public static let passwordWithoutUsername = Self("password_without_username")
        /// A packet identifier of 0 where one is required.
        public static let zeroPacketIdentifier = Self("zero_packet_identifier")
        /// A PUBLISH whose packet identifier does not match its QoS (encoding only).
        public static let inconsistentPacketIdentifier = Self("inconsistent_packet_identifier")
    }
}
