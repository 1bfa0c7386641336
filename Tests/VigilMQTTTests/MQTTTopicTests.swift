import Testing
import VigilMQTT

@Suite("MQTT topic rules")
struct MQTTTopicTests {
    @Test(
        "filters match topics as the standard's examples say",
        arguments: [
            ("sport/tennis/player1/#", "sport/tennis/player1", true),
            ("sport/tennis/player1/#", "sport/tennis/player1/ranking", true),
            ("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true),
            ("sport/#", "sport", true),
            ("#", "sport/tennis", true),
            ("sport/tennis/+", "sport/tennis/player1", true),
            ("sport/tennis/+", "sport/tennis/player1/ranking", false),
            ("sport/+", "sport", false),
            ("sport/+", "sport/", true),
            ("+/+", "/finance", true),
            ("/+", "/finance", true),
            ("+", "/finance", false),
            ("#", "$SYS/uptime", false),
            ("+/monitor/Clients", "$SYS/monitor/Clients", false),
            ("$SYS/#", "$SYS/uptime", true),
            ("$iothub/methods/POST/#", "$iothub/methods/POST/reboot/?$rid=1", true),
            ("devices/d1/messages/devicebound/#", "devices/d2/messages/devicebound/x", false),
        ])
    func filterMatchesTopic(filter: String, topic: String, matches: Bool) {
        #expect(MQTTTopic.filter(filter, matches: topic) == matches)
    }

    @Test("matching compares bytes, not canonically equivalent text")
    func matchingIsByteWise() {
        #expect(!MQTTTopic.filter("caf\u{E9}", matches: "cafe\u{301}"))
    }

    @Test("valid filters", arguments: ["#", "+", "a/#", "+/+/#", "/", "a//b", "$iothub/twin/res/#"])
    func acceptsValidFilters(filter: String) {
        #expect(MQTTTopic.isValidFilter(filter))
    }
}
