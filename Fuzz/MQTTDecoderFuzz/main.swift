// libFuzzer harness for MQTTDecoder. Build with `-sanitize=fuzzer,address
// -parse-as-library` (scripts/fuzz-mqtt.sh does).
//
// For every input it checks that:
// 1. decoding never crashes and always makes progress or stops;
// 2. every decoded packet encodes, and decodes back to an equal packet with
//    nothing left over;
// 3. feeding the same bytes in small chunks yields the same packets and the
//    same error as feeding them at once;
// 4. the connection state machine accepts the decoded packets in any order
//    without crashing.
import CLibFuzzer
import NIOCore
import VigilMQTT

private enum Outcome: Equatable {
    case packet(MQTTPacket)
    case error(MQTTProtocolError)
}

private let decoder = MQTTDecoder(maximumPacketSize: 2_048)

/// Decodes `buffer` to the end or the first error.
private func decodeAll(_ buffer: inout ByteBuffer) -> (outcomes: [Outcome], finished: Bool) {
    var outcomes: [Outcome] = []
    while true {
        let before = buffer.readerIndex
        do {
            guard let packet = try decoder.decodePacket(from: &buffer) else {
                precondition(buffer.readerIndex == before, "reader index moved without a packet")
                return (outcomes, false)
            }
            precondition(buffer.readerIndex > before, "a packet was decoded from no bytes")
            outcomes.append(.packet(packet))
        } catch {
            outcomes.append(.error(error))
            return (outcomes, true)
        }
    }
}

/// Feeds `bytes` in chunks of `chunkSize`, as a network would.
private func decodeInChunks(_ bytes: UnsafeRawBufferPointer, chunkSize: Int) -> [Outcome] {
    var buffer = ByteBufferAllocator().buffer(capacity: chunkSize)
    var outcomes: [Outcome] = []
    var offset = 0
    while offset < bytes.count {
        let end = min(offset + chunkSize, bytes.count)
        buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
        offset = end
        let (more, failed) = decodeAll(&buffer)
        outcomes += more
        if failed { break }
        buffer.discardReadBytes()
    }
    return outcomes
}

private func checkRoundTrip(_ packet: MQTTPacket) {
    var encoded = ByteBuffer()
    do {
        try packet.encode(into: &encoded)
    } catch {
        fatalError("a decoded \(packet.type) does not encode: \(error)")
    }
    do {
        guard let again = try decoder.decodePacket(from: &encoded) else {
            fatalError("an encoded \(packet.type) is incomplete")
        }
        precondition(again == packet, "\(packet.type) changed in a round trip")
        precondition(encoded.readableBytes == 0, "\(packet.type) left bytes after a round trip")
    } catch {
        fatalError("an encoded \(packet.type) does not decode: \(error)")
    }
}

private func driveStateMachine(_ outcomes: [Outcome]) {
    var machine = MQTTConnectionStateMachine(configuration: .init(allowQoS2: true, maximumSubscriptionQoS: .exactlyOnce))
    var now = NIODeadline.uptimeNanoseconds(1_000_000_000)
    var pending = machine.handle(.channelActive(now: now))
    for outcome in outcomes {
        now = now + .seconds(1)
        switch outcome {
        case .packet(let packet): pending += machine.handle(.received(packet, now: now))
        case .error(let error): pending += machine.handle(.protocolError(error))
        }
        // Answer the application's requests at once, as a fast application would.
        while !pending.isEmpty {
            let action = pending.removeFirst()
            switch action {
            case .authenticate:
                pending += machine.handle(.authenticationCompleted(.accepted, sessionPresent: false))
            case .deliver(let publish):
                if let id = publish.packetID { pending += machine.handle(.publishCommitted(id)) }
            case .subscribe(let subscribe):
                let codes = subscribe.subscriptions.map { MQTTSubAckReturnCode.granted($0.qos) }
                pending += machine.handle(.subscribeCompleted(subscribe.packetID, returnCodes: codes))
            case .unsubscribe(let unsubscribe):
                pending += machine.handle(.unsubscribeCompleted(unsubscribe.packetID))
            case .send(let packet):
                var out = ByteBuffer()
                do { try packet.encode(into: &out) } catch { fatalError("the state machine sent an invalid \(packet.type)") }
            case .publishAcknowledged, .publishRefused, .publishWill, .scheduleTimer, .close:
                break
            }
        }
        pending += machine.handle(.timerFired(now: now))
        pending.removeAll()
    }
    _ = machine.handle(.channelClosed)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func mqttDecoderFuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    var whole = ByteBufferAllocator().buffer(capacity: count)
    whole.writeBytes(bytes)
    let (outcomes, _) = decodeAll(&whole)
    for case .packet(let packet) in outcomes { checkRoundTrip(packet) }

    let chunkSize = count == 0 ? 1 : Int(bytes[count - 1] % 7) + 1
    let chunked = decodeInChunks(bytes, chunkSize: chunkSize)
    precondition(chunked == outcomes, "chunked input decoded differently")

    driveStateMachine(outcomes)
    return 0
}

/// SwiftPM links an executable target with `main` renamed to `<target>_main`
/// (`--defsym main=MQTTDecoderFuzz_main`), so the harness defines that symbol
/// and hands control to libFuzzer's driver, which parses the usual flags.
@_cdecl("MQTTDecoderFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, mqttDecoderFuzz)
}
