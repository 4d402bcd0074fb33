/// Which `Host` names the preview server answers, against DNS rebinding.
///
/// Bound to a loopback address, the server cannot be reached from another machine, but a web page open in the user's
/// browser can point a name of its own at 127.0.0.1 and then read the unpublished preview with ordinary same-origin
/// requests. Such a request carries the attacker's name in `Host`, so a loopback-bound server answers only names that
/// mean this machine: `localhost` (and `*.localhost`), 127.0.0.0/8 and `::1`. Bound to another address the preview is
/// shown to the network on purpose, and it is reached by whatever name the network gives the machine: any host passes.
struct HostCheck: Sendable {
    /// Whether every `Host` is answered (the server listens beyond loopback).
    let allowsAnyHost: Bool

    /// Whether a request whose `Host` header (or HTTP/2 authority) is `authority` is answered; no header is allowed.
    func allows(_ authority: String?) -> Bool {
        guard !allowsAnyHost, let authority else { return true }
        let name = Self.hostName(of: authority).lowercased()
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        return !name.isEmpty && PreviewServer.isLoopback(name)
    }

    /// The host part of an authority: `[::1]:8000` → `::1`, `localhost:8000` → `localhost`, a trailing dot dropped.
    static func hostName(of authority: String) -> String {
        var host: Substring
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
        } else if let colon = authority.lastIndex(of: ":"), authority.firstIndex(of: ":") == colon {
            host = authority[..<colon]
        } else {
            host = Substring(authority)
        }
        if host.hasSuffix(".") { host = host.dropLast() }
        return String(host)
    }
}
