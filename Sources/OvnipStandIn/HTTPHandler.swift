import Foundation
import NIOCore
import NIOHTTP1
import OvnipModel
import OvnipScenario

/// One HTTP/1 connection: collects a request (NIO de-chunks bodies), routes it, writes the
/// reply after the configured latency, and streams watches as chunked JSON lines.
final class HTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  let core: ServerCore
  private var head: HTTPRequestHead?
  private var body: [UInt8] = []
  private var watcherID: Int?
  private var bookmarkTask: RepeatedTask?
  private var watchContext: ChannelHandlerContext?
  private var watchEvents = 0
  private var watchDropAfter: Int?

  init(core: ServerCore) { self.core = core }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let h):
      head = h
      body = []
    case .body(var buf):
      if let bytes = buf.readBytes(length: buf.readableBytes) { body.append(contentsOf: bytes) }
    case .end:
      guard let head else { return }
      self.head = nil
      handle(context: context, head: head, body: body)
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    endWatch()
    context.fireChannelInactive()
  }

  private func endWatch() {
    if let id = watcherID { core.state.unwatch(id) }
    watcherID = nil
    bookmarkTask?.cancel()
    bookmarkTask = nil
    watchContext = nil
  }

  private func handle(context: ChannelHandlerContext, head: HTTPRequestHead, body: [UInt8]) {
    let uri = head.uri
    let (path, query) = uri.firstIndex(of: "?").map { (String(uri[..<$0]), String(uri[uri.index(after: $0)...])) }
      ?? (uri, "")
    let accept = head.headers["Accept"].joined(separator: ",")
    core.log(
      LoggedRequest(
        method: head.method.rawValue, path: path, query: query, body: String(decoding: body, as: UTF8.self),
        accept: accept, contentType: head.headers["Content-Type"].first ?? "",
        userAgent: head.headers["User-Agent"].first ?? ""))
    let knobs = core.knobs
    let router = APIRouter(state: core.state, knobs: knobs)
    let reply = router.route(method: head.method.rawValue, path: path, query: query, accept: accept, body: body)
    var delay = knobs.latency
    if let r = path.split(separator: "/").first(where: { knobs.resourceLatency[String($0)] != nil }) {
      delay += knobs.resourceLatency[String(r)] ?? 0
    }
    let keepAlive = head.isKeepAlive
    let version = head.version
    let params = QueryString.parse(query)
    if delay > 0 {
      context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(delay * 1000))) {
        self.send(context: context, reply: reply, version: version, keepAlive: keepAlive, params: params, knobs: knobs)
      }
    } else {
      send(context: context, reply: reply, version: version, keepAlive: keepAlive, params: params, knobs: knobs)
    }
  }

  private func send(
    context: ChannelHandlerContext, reply: Reply, version: HTTPVersion, keepAlive: Bool, params: [String: String],
    knobs: StandInKnobs
  ) {
    guard context.channel.isActive else { return }
    switch reply {
    case .body(let status, let type, let bytes, let truncate):
      let out = truncate ? Array(bytes.prefix(bytes.count / 2)) : bytes
      var headers = HTTPHeaders()
      headers.add(name: "Content-Type", value: type)
      headers.add(name: "Content-Length", value: String(out.count))
      headers.add(name: "Cache-Control", value: "no-cache, private")
      if !keepAlive { headers.add(name: "Connection", value: "close") }
      context.write(
        wrapOutboundOut(.head(HTTPResponseHead(version: version, status: .init(statusCode: status), headers: headers))),
        promise: nil)
      var buf = context.channel.allocator.buffer(capacity: out.count)
      buf.writeBytes(out)
      context.write(wrapOutboundOut(.body(.byteBuffer(buf))), promise: nil)
      let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
      if !keepAlive {
        let ctx = NIOLoopBound(context, eventLoop: context.eventLoop)
        done.whenComplete { _ in ctx.value.close(promise: nil) }
      }
    case .watch(let w):
      startWatch(context: context, w, version: version, params: params, knobs: knobs)
    }
  }

  private func startWatch(
    context: ChannelHandlerContext, _ w: WatchRequest, version: HTTPVersion, params: [String: String],
    knobs: StandInKnobs
  ) {
    var headers = HTTPHeaders()
    headers.add(name: "Content-Type", value: "application/json")
    headers.add(name: "Cache-Control", value: "no-cache, private")
    headers.add(name: "Transfer-Encoding", value: "chunked")
    if let from = w.fromRV, knobs.expiredWatchAsHTTPStatus, from > 0, from < core.state.floor {
      let s = StatusBody.gone("too old resource version: \(from) (\(core.state.floor))")
      send(
        context: context, reply: .body(status: 410, contentType: APIRouter.json, bytes: s.serialized()),
        version: version, keepAlive: true, params: params, knobs: knobs)
      return
    }
    context.writeAndFlush(
      wrapOutboundOut(.head(HTTPResponseHead(version: version, status: .ok, headers: headers))), promise: nil)
    watchContext = context
    watchEvents = 0
    watchDropAfter = w.dropAfter
    core.watchStarted(context.channel)
    let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
    let loop = context.eventLoop
    let start = core.state.watch(w.kind, selection: w.selection, fromRV: w.fromRV) { line in
      loop.execute { bound.value.sendEvent(line) }
    }
    switch start {
    case .expired(let requested, let oldest):
      let s = StatusBody.gone("too old resource version: \(requested) (\(oldest))")
      let line = ClusterState.eventLine(type: "ERROR", object: s.serialized())
      writeChunk(context: context, line)
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
      watchContext = nil
    case .started(let id):
      watcherID = id
      if w.bookmarks {
        let interval = TimeAmount.milliseconds(Int64(max(0.05, knobs.bookmarkInterval) * 1000))
        let kind = w.kind
        let state = core.state
        bookmarkTask = context.eventLoop.scheduleRepeatedTask(
          initialDelay: interval, delay: interval
        ) { _ in
          let bm: JSONValue = [
            "kind": .string(kind.kind), "apiVersion": .string(kind.groupVersion),
            "metadata": ["resourceVersion": .string(String(state.currentRV)), "creationTimestamp": nil],
          ]
          bound.value.sendEvent(ClusterState.eventLine(type: "BOOKMARK", object: bm.serialized()), counts: false)
        }
      }
      if let t = params["timeoutSeconds"].flatMap(Double.init), t > 0 {
        context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(t * 1000))) {
          bound.value.finishWatch()
        }
      }
    }
  }

  /// Ends the stream cleanly (final chunk), as the server does at `timeoutSeconds`.
  func finishWatch() {
    guard let context = watchContext else { return }
    endWatch()
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
  }

  /// Drops the connection without the final chunk.
  func dropWatch() {
    guard let context = watchContext else { return }
    endWatch()
    context.close(promise: nil)
  }

  func sendEvent(_ line: [UInt8], counts: Bool = true) {
    guard let context = watchContext, context.channel.isActive else { return }
    writeChunk(context: context, line)
    if counts {
      watchEvents += 1
      if let n = watchDropAfter, watchEvents >= n { dropWatch() }
    }
  }

  private func writeChunk(context: ChannelHandlerContext, _ line: [UInt8]) {
    var buf = context.channel.allocator.buffer(capacity: line.count)
    buf.writeBytes(line)
    context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buf))), promise: nil)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    context.close(promise: nil)
  }
}
