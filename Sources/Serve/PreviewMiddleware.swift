import Foundation
import Hummingbird
import NIOCore

/// Wraps the file server: adds the reload script to HTML pages as they are served (the files
/// on disk stay as `build` wrote them), answers unknown paths with the site's `404.html` and
/// status 404, marks every response `no-cache`, and refuses any path that would leave the site
/// folder, through `..` or through a symbolic link.
struct PreviewMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The served folder, with symbolic links resolved.
    let root: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let rawPath = request.uri.path
        guard let path = rawPath.removingPercentEncoding, !path.contains("\0"), !path.contains("\\") else {
            return Self.plain(.badRequest, "Bad request\n")
        }
        if path.split(separator: "/").contains("..") {
            return Self.plain(.badRequest, "Bad request\n")
        }
        if !path.hasPrefix("/__broadsheet/"), leavesRoot(path) {
            return try await notFound(request)
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            response = try await notFound(request)
        }
        if response.status == .notFound && !path.hasPrefix("/__broadsheet/") && response.headers[.contentType] == nil {
            response = try await notFound(request)
        }
        response.headers[.cacheControl] = "no-cache"
        return try await injectingScript(into: response, method: request.method)
    }

    /// Whether the file a path names is, once links are followed, outside the site.
    private func leavesRoot(_ path: String) -> Bool {
        let target = URL(fileURLWithPath: root + path).resolvingSymlinksInPath().path
        return !(target == root || target.hasPrefix(root + "/"))
    }

    private func notFound(_ request: Request) async throws -> Response {
        let page = root + "/404.html"
        guard let data = FileManager.default.contents(atPath: page) else {
            return Self.plain(.notFound, "Not found\n")
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLength] = String(data.count)
        headers[.cacheControl] = "no-cache"
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        return Response(status: .notFound, headers: headers, body: body)
    }

    private func injectingScript(into response: Response, method: HTTPRequest.Method) async throws -> Response {
        guard let type = response.headers[.contentType], type.hasPrefix("text/html"),
              response.status == .ok || response.status == .notFound else { return response }
        var response = response
        let addition = ReloadScript.tag + "\n"
        if method == .head {
            if let length = response.headers[.contentLength].flatMap(Int.init) {
                response.headers[.contentLength] = String(length + addition.utf8.count)
            }
            return response
        }
        let collector = BodyCollector()
        try await response.body.write(CollectingWriter(collector: collector))
        var html = String(buffer: collector.buffer)
        if let end = html.range(of: "</body>", options: .backwards) {
            html.insert(contentsOf: addition, at: end.lowerBound)
        } else {
            html += addition
        }
        response.headers[.contentLength] = String(html.utf8.count)
        response.body = ResponseBody(byteBuffer: ByteBuffer(string: html))
        return response
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Holds a response body while it is read into memory.
final class BodyCollector: @unchecked Sendable {
    var buffer = ByteBuffer()
}

struct CollectingWriter: ResponseBodyWriter {
    let collector: BodyCollector

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        collector.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
