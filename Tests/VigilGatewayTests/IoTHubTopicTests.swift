import Testing
import VigilGateway

@Suite("IoT Hub topics")
struct IoTHubTopicTests {
    @Test func readsTelemetryWithAndWithoutAPropertyBag() {
        #expect(
            IoTHubTopic.parse("devices/cuff-1/messages/events/%24.mid=m1&%24.ct=application%2Fjson")
                == .telemetry(
                    deviceID: "cuff-1", moduleID: nil,
                    properties: IoTHubPropertyBag(["$.mid": "m1", "$.ct": "application/json"])))
        #expect(
            IoTHubTopic.parse("devices/cuff-1/messages/events/")
                == .telemetry(deviceID: "cuff-1", moduleID: nil, properties: IoTHubPropertyBag()))
        #expect(
            IoTHubTopic.parse("devices/cuff-1/messages/events")
                == .telemetry(deviceID: "cuff-1", moduleID: nil, properties: IoTHubPropertyBag()))
    }

    @Test func readsModuleTelemetry() {
        #expect(
            IoTHubTopic.parse("devices/gw/modules/ecg/messages/events/k=v")
                == .telemetry(deviceID: "gw", moduleID: "ecg", properties: IoTHubPropertyBag(["k": "v"])))
    }

    @Test func readsTwinAndMethodTopicsWithTheirRequestIDs() {
        #expect(IoTHubTopic.parse("$iothub/twin/GET/?$rid=42") == .twinGet(requestID: "42"))
        #expect(
            IoTHubTopic.parse("$iothub/twin/PATCH/properties/reported/?$rid=a%2Db")
                == .reportedPropertiesPatch(requestID: "a-b"))
        #expect(IoTHubTopic.parse("$iothub/methods/res/200/?$rid=1f") == .methodResponse(status: 200, requestID: "1f"))
    }

    @Test(arguments: [
        "devices//messages/events/", "devices/d1/messages/eventsX", "devices/d1/messages/devicebound/",
        "devices/d1", "$iothub/twin/GET/", "$iothub/twin/GET/?$rid=", "$iothub/twin/PUT/?$rid=1",
        "$iothub/methods/res/abc/?$rid=1", "$iothub/methods/POST/reboot/?$rid=1", "other/topic",
        "devices/d1/messages/events/%zz",
    ])
    func refusesTopicsADeviceMayNotPublishTo(_ topic: String) {
        #expect(IoTHubTopic.parse(topic) == nil)
    }

    @Test func formatsHubTopicsAsTheSDKParsesThem() {
        #expect(IoTHubTopic.twinResponse(status: 200, requestID: "r1") == "$iothub/twin/res/200/?$rid=r1")
        #expect(
            IoTHubTopic.twinResponse(status: 204, requestID: "r1", version: 7)
                == "$iothub/twin/res/204/?$rid=r1&$version=7")
        #expect(IoTHubTopic.desiredPropertiesPatch(version: 3) == "$iothub/twin/PATCH/properties/desired/?$version=3")
        #expect(
            IoTHubTopic.methodRequest(name: "reboot now", requestID: "5") == "$iothub/methods/POST/reboot%20now/?$rid=5"
        )
        #expect(
            IoTHubTopic.cloudToDevice(deviceID: "d1", properties: IoTHubPropertyBag(["$.mid": "x"]))
                == "devices/d1/messages/devicebound/%24.mid=x")
    }

    @Test func knowsTheFiltersADeviceMaySubscribeTo() {
        #expect(IoTHubSubscription(filter: "devices/d1/messages/devicebound/#", deviceID: "d1") == .cloudToDevice)
        #expect(IoTHubSubscription(filter: "devices/d2/messages/devicebound/#", deviceID: "d1") == nil)
        #expect(IoTHubSubscription(filter: "$iothub/methods/POST/#", deviceID: "d1") == .methods)
        #expect(IoTHubSubscription(filter: "$iothub/twin/res/#", deviceID: "d1") == .twinResponses)
        #expect(
            IoTHubSubscription(filter: "$iothub/twin/PATCH/properties/desired/#", deviceID: "d1") == .desiredProperties)
        #expect(IoTHubSubscription(filter: "#", deviceID: "d1") == nil)
        for kind in IoTHubSubscription.allCases {
            #expect(IoTHubSubscription(filter: kind.filter(deviceID: "d1"), deviceID: "d1") == kind)
        }
    }
}
