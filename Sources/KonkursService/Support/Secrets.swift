import Crypto
import Foundation
import HummingbirdBcrypt
import KonkursCore
import NIOPosix

/// Random tokens and password hashes.
public enum Secrets {
    /// 256 random bits from the system's secure generator, URL-safe.
    public static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// How a token is stored: its SHA-256, so a database leak does not leak live tokens.
    public static func digest(_ token: String) -> String {
        sha256(Data(token.utf8))
    }

    /// SHA-256 in lowercase hex: how files, regulations and tokens are fingerprinted.
    public static func sha256(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).hexString
    }
}

/// bcrypt, run on the thread pool so a login never blocks the event loops.
public struct PasswordHasher: Sendable {
    public let cost: UInt8
    /// A hash of nothing in particular, verified when the login is unknown so that the answer takes
    /// as long as for a wrong password (no user enumeration by timing).
    let decoy: String

    /// Cost 11 takes about 0.15 s on these machines; tests use 4.
    public init(cost: UInt8 = 11) {
        self.cost = cost
        decoy = Bcrypt.hash(Secrets.token(), cost: cost)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
