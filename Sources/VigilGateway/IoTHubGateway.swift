import Foundation
import Logging
import NIOCore
import VigilCore
import VigilMQTT
import VigilStore

/// The IoT Hub device protocol on MQTT connections: authenticates CONNECT
/// with the device's SAS token, routes what the device publishes (telemetry,
/// twin requests, method answers) and sends it what the cloud has for it.
///
/// One `serve` call runs one connection, after ``MQTTServerHandler``, which
/// answers the MQTT protocol itself. Device messages are handled
/// concurrently (up to ``Configuration/maximumMessagesInFlight`` per
/// connection); the MQTT layer still acknowledges them in arrival order, each
/// only after it is committed, so group commit spans connections and messages.
public struct IoTHubGateway: Sendable {
    /// Settings of the IoT Hub layer.
    public struct Configuration: Sendable {
        /// The IoT Hub `HostName` devices must name in their user name. Default `localhost`.
        public var hostName: String
        /// How many device messages of one connection may be in flight
        /// (received, not yet acknowledged) before reading pauses. Default 256.
        public var maximumMessagesInFlight: Int

        /// A configuration; every parameter defaults as documented on its property.
        public init(hostName: String = "localhost", maximumMessagesInFlight: Int = 256) {
            self.hostName = hostName
            self.maximumMessagesInFlight = maximumMessagesInFlight
        }
    }

    let configuration: Configuration
    let authenticator: DeviceAuthenticator
    let limiter: DeviceRateLimiter
    let ingestor: DeviceIngestor
    let twins: DeviceTwins
    let store: any Store
    let registry: DeviceConnectionRegistry
    let now: @Sendable () -> Date
    let logger: Logger

    /// A gateway over the given parts (the same authenticator, limiter and
    /// ingestor as the HTTPS endpoint, so both transports apply one policy).
    public init(
        configuration: Configuration, authenticator: DeviceAuthenticator, limiter: DeviceRateLimiter,
        ingestor: DeviceIngestor, twins: DeviceTwins, store: any Store, registry: DeviceConnectionRegistry,
        now: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.configuration = configuration
        self.authenticator = authenticator
        self.limiter = limiter
        self.ingestor = ingestor
        self.twins = twins
        self.store = store
        self.registry = registry
        self.now = now
        self.logger = logger
    }

    /// Serves one connection until it closes.
    public func serve(_ channel: NIOAsyncChannel<MQTTServerHandler.Request, MQTTServerHandler.Response>) async {
        let source = channel.channel.remoteAddress?.ipAddress
        do {
            try await channel.executeThenClose { inbound, outbound in
                var requests = inbound.makeAsyncIterator()
                guard
                    case .opened(let connection, let expiry) = try await accept(
                        &requests, source: source, outbound: outbound, channel: channel.channel)
                else { return }
                await readRequests(&requests, connection: connection, outbound: outbound)
                await close(connection, expiry: expiry)
            }
        } catch {
            logger.debug(
                "MQTT connection ended with an error", metadata: ["error": "\(String(describing: type(of: error)))"])
        }
    }

    /// Reads the CONNECT and opens the connection, or refuses it and waits for
    /// the device to disconnect. Never inlined: the frame a connected device
    /// waits in (`serve`'s) keeps none of this.
    @inline(never)
    private func accept(
        _ requests: inout NIOAsyncChannelInboundStream<MQTTServerHandler.Request>.AsyncIterator, source: String?,
        outbound: IoTHubConnection.Outbound, channel: any Channel
    ) async throws -> Opening {
        guard let first = try await requests.next() else { return .ended }
        guard case .authenticate(let connect) = first else {
            if case .closing(let reason) = first { logClosed(reason, device: nil) }
            return .ended
        }
        // Opening runs in a child task: the task memory its calls into the
        // store and the registry take is freed when it ends, not kept for as
        // long as the device stays connected.
        let opening = try await withThrowingTaskGroup(of: Opening.self) { group in
            group.addTask { try await open(connect, source: source, outbound: outbound, channel: channel) }
            return try await group.next() ?? .ended
        }
        if case .refused = opening {
            while let request = try await requests.next() {
                if case .closing = request { break }
            }
        }
        return opening
    }

    /// How opening a connection ended.
    private enum Opening: Sendable {
        /// Refused with a CONNACK return code; the device is expected to disconnect.
        case refused
        /// Nothing more to serve: the server could not take the device, or the connection is gone.
        case ended
        /// Accepted: serve the device's requests, then close with `close(_:expiry:)`.
        case opened(IoTHubConnection, expiry: Scheduled<Void>)
    }

    /// Authenticates the CONNECT, opens the session, registers the
    /// connection, schedules its SAS expiry and sends the CONNACK.
    private func open(
        _ connect: MQTTConnect, source: String?, outbound: IoTHubConnection.Outbound, channel: any Channel
    ) async throws -> Opening {
        let device: Device
        let tokenExpiry: Date
        switch await authenticate(connect, source: source) {
        case .failure(let refusal):
            try await outbound.write(.authenticationCompleted(refusal.returnCode, sessionPresent: false))
            return .refused
        case .success(let accepted):
            (device, tokenExpiry) = accepted
        }
        let persistent = !connect.cleanSession
        let stored: DeviceSession?
        do {
            stored = try await openSession(of: device.id, persistent: persistent)
        } catch {
            logger.error(
                "Could not open the device's session",
                metadata: ["device": "\(device.id)", "error": "\(String(describing: type(of: error)))"])
            try await outbound.write(.authenticationCompleted(.serverUnavailable, sessionPresent: false))
            return .ended
        }
        let session = IoTHubSession(
            deviceID: device.id, restoring: stored?.subscriptions ?? [],
            requestPrefix: String(UInt32.random(in: 0...UInt32.max), radix: 36) + "-")
        let connection = IoTHubConnection(
            session: session, isPersistent: persistent, outbound: outbound, channel: channel, store: store, now: now,
            logger: logger)
        switch await registry.register(connection) {
        case .shuttingDown:
            try await outbound.write(.authenticationCompleted(.serverUnavailable, sessionPresent: false))
            return .ended
        case .registered(let replaced):
            if let replaced {
                logger.info("A new connection replaced the device's earlier one", metadata: ["device": "\(device.id)"])
                await replaced.close()
            }
        }
        // A timer on the connection's event loop, not a sleeping task: an idle
        // connection holds no task of its own for it.
        let untilExpiry = max(0, tokenExpiry.timeIntervalSince(now()))
        let expiry = channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(min(untilExpiry, 1e9) * 1e9))) {
            [logger] in
            logger.info("The device's SAS token expired; disconnecting", metadata: ["device": "\(device.id)"])
            channel.close(promise: nil)
        }
        guard await connection.send(.authenticationCompleted(.accepted, sessionPresent: stored != nil)) else {
            await close(connection, expiry: expiry)
            return .ended
        }
        logger.info(
            "Device connected over MQTT", metadata: ["device": "\(device.id)", "session.present": "\(stored != nil)"])
        await connection.deliverCloudMessages()
        return .opened(connection, expiry: expiry)
    }

    /// Ends an opened connection: no expiry, pending method calls failed, unregistered.
    private func close(_ connection: IoTHubConnection, expiry: Scheduled<Void>) async {
        expiry.cancel()
        await connection.ended()
        await registry.unregister(connection)
    }

    /// A persistent connection resumes (or starts) its stored session; a
    /// clean one discards any stored session and stores none.
    private func openSession(of device: DeviceID, persistent: Bool) async throws -> DeviceSession? {
        let stored = try await store.sessions.session(of: device)
        guard persistent else {
            if stored != nil { try await store.sessions.removeSession(of: device) }
            return nil
        }
        if let stored { return stored }
        // Stored now, so the next connection finds a session even if this one subscribes to nothing.
        try await store.sessions.save(DeviceSession(deviceID: device, subscriptions: [], updatedAt: now()))
        return nil
    }

    /// Handles requests until the connection closes; device messages run
    /// concurrently, and all of them finish before this returns.
    private func readRequests(
        _ requests: inout NIOAsyncChannelInboundStream<MQTTServerHandler.Request>.AsyncIterator,
        connection: IoTHubConnection, outbound: IoTHubConnection.Outbound
    ) async {
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            do {
                while let request = try await requests.next() {
                    guard case .deliver(let publish) = request else {
                        try await handleControl(request, connection: connection, outbound: outbound)
                        continue
                    }
                    guard await connection.beginIngest() else { continue }
                    if running >= configuration.maximumMessagesInFlight {
                        await group.next()
                        running -= 1
                    }
                    running += 1
                    group.addTask {
                        await handle(publish, connection: connection, outbound: outbound)
                        await connection.endIngest()
                    }
                }
            } catch {
                logger.debug(
                    "MQTT connection read failed",
                    metadata: ["device": "\(connection.deviceID)", "error": "\(String(describing: type(of: error)))"])
            }
        }
    }

    /// Everything from the device but PUBLISH: subscriptions, acknowledgements
    /// of messages to it, the close. Kept out of `readRequests` (never
    /// inlined) so that the frame an idle connection waits in stays small.
    @inline(never)
    private func handleControl(
        _ request: MQTTServerHandler.Request, connection: IoTHubConnection, outbound: IoTHubConnection.Outbound
    ) async throws {
        switch request {
        case .subscribe(let subscribe):
            let codes = await connection.subscribe(subscribe)
            try await outbound.write(.subscribeCompleted(subscribe.packetID, returnCodes: codes))
            await connection.deliverCloudMessages()
        case .unsubscribe(let unsubscribe):
            await connection.unsubscribe(unsubscribe.topicFilters)
            try await outbound.write(.unsubscribeCompleted(unsubscribe.packetID))
        case .publishAcknowledged(let id):
            await connection.acknowledged(id)
        case .publishRefused(let publish, let refusal):
            await connection.refused(publish)
            logger.notice(
                "A message to the device was not sent",
                metadata: ["device": "\(connection.deviceID)", "refusal": "\(refusal)"])
        case .closing(let reason):
            logClosed(reason, device: connection.deviceID)
        case .deliver, .publishWill, .authenticate:
            // Telemetry is `readRequests`' own; IoT Hub devices have no use for
            // wills; the MQTT layer closes on a second CONNECT before this.
            break
        }
    }

    private func logClosed(_ reason: MQTTConnectionStateMachine.CloseReason, device: DeviceID?) {
        let level: Logger.Level = reason.isClean ? .debug : .info
        var metadata: Logger.Metadata = ["reason": "\(reason)"]
        if let device { metadata["device"] = "\(device)" }
        logger.log(level: level, "MQTT connection closed", metadata: metadata)
    }
}
