#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A minimal HTTP/1.1 client on a plain socket, so that tests see exactly what the server
/// sends: no redirect following, no caching, and event streams read as they arrive.
final class RawHTTPClient: @unchecked Sendable {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    private var socketDescriptor: Int32 = -1
    private var received = [UInt8]()

    init(port: Int) {
        self.port = port
    }

    deinit {
        if socketDescriptor >= 0 { close(socketDescriptor) }
    }

    /// `request` off the async runtime's threads: the server under test needs them.
    static func fetch(port: Int, method: String = "GET", path: String, headers: [String: String] = [:]) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try request(port: port, method: method, path: path, headers: headers) })
            }
        }
    }

    /// `waitFor` off the async runtime's threads.
    func waitAsync(_ marker: String, timeout: Double) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try self.waitFor(marker, timeout: timeout) })
            }
        }
    }

    /// Sends one request on a new connection and reads the whole response. The deadline is
    /// generous: on a loaded machine, with every suite running at once, a first response took
    /// over five seconds.
    static func request(port: Int, method: String = "GET", path: String, headers: [String: String] = [:], timeout: Double = 20) throws -> Response {
        let client = RawHTTPClient(port: port)
        try client.send(method: method, path: path, headers: headers.merging(["Connection": "close"]) { a, _ in a })
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let response = client.parsedResponse(complete: method == "HEAD") { return response }
            guard try client.readMore(until: deadline) else { break }
        }
        if let response = client.parsedResponse(complete: true) { return response }
        throw Failure(description: "no complete response to \(method) \(path)")
    }

    func send(method: String, path: String, headers: [String: String]) throws {
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw Failure(description: "socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect to port \(port) failed") }
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { write(socketDescriptor, $0.baseAddress, $0.count) }
    }

    /// Reads what has arrived; false once the connection is closed or the deadline passed.
    func readMore(until deadline: Date) throws -> Bool {
        let milliseconds = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
        var poller = pollfd(fd: socketDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { read(socketDescriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        received += buffer[0..<count]
        return true
    }

    /// Waits until the received text contains `marker` (for event streams).
    func waitFor(_ marker: String, timeout: Double) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if String(decoding: received, as: UTF8.self).contains(marker) { return true }
            guard try readMore(until: deadline) else { return String(decoding: received, as: UTF8.self).contains(marker) }
        }
        return String(decoding: received, as: UTF8.self).contains(marker)
    }

    var text: String { String(decoding: received, as: UTF8.self) }

    private func parsedResponse(complete: Bool) -> Response? {
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return nil }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        guard let statusLine = head.first, let status = Int(statusLine.split(separator: " ")[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = String(text[split.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init), !complete {
            guard body.utf8.count >= length else { return nil }
        } else if !complete, headers["content-length"] == nil {
            return nil
        }
        return Response(status: status, headers: headers, body: body)
    }
}
