import NIOCore
import Testing
import VigilMQTT

@Suite("MQTT connection: timeouts")
struct MQTTKeepAliveTests {
    typealias Machine = MQTTConnectionStateMachine

    @Test("silence for 1.5 × keep-alive closes the connection and publishes the will")
    func closesWhenKeepAliveExpires() {
        var machine = Machine()
        _ = machine.handle(.channelActive(now: Fixture.start))
        let actions = machine.handle(.received(.connect(Fixture.connect(keepAlive: 10, will: Fixture.will)), now: Fixture.start))
        #expect(actions.last == .scheduleTimer(at: Fixture.at(seconds: 15)))
        _ = machine.handle(.authenticationCompleted(.accepted, sessionPresent: false))

        #expect(machine.handle(.timerFired(now: Fixture.at(seconds: 14.9))) == [.scheduleTimer(at: Fixture.at(seconds: 15))])
        #expect(
            machine.handle(.timerFired(now: Fixture.at(seconds: 15))) == [
                .publishWill(Fixture.will), .close(.keepAliveTimeout),
            ])
    }

    @Test("any packet restarts the keep-alive period")
    func anyPacketResetsKeepAlive() {
        var machine = Machine.connected(keepAlive: 10)
        _ = machine.receive(.pingreq, atSeconds: 12)
        #expect(machine.handle(.timerFired(now: Fixture.at(seconds: 15))) == [.scheduleTimer(at: Fixture.at(seconds: 27))])
        #expect(machine.handle(.timerFired(now: Fixture.at(seconds: 27))) == [.close(.keepAliveTimeout)])
    }

    @Test("keep-alive 0 disables the check")
    func keepAliveZeroDisablesTheCheck() {
        var machine = Machine.connected(keepAlive: 0)
        #expect(machine.handle(.timerFired(now: Fixture.at(seconds: 86_400))) == [])
        #expect(machine.isConnected)
    }

    @Test("no CONNECT within the connect timeout closes the connection")
    func closesWhenNoConnectArrives() {
        var machine = Machine(configuration: .init(connectTimeout: .seconds(5)))
        #expect(machine.handle(.channelActive(now: Fixture.start)) == [.scheduleTimer(at: Fixture.at(seconds: 5))])
        #expect(machine.handle(.timerFired(now: Fixture.at(seconds: 4))) == [.scheduleTimer(at: Fixture.at(seconds: 5))])
        #expect(machine.handle(.timerFired(now: Fixture.at(seconds: 5))) == [.close(.connectTimeout)])
    }
}
