import Foundation
import Hummingbird

extension Request {
    /// The JSON body as `T`. A malformed body throws `DecodingError` itself, which the service error
    /// middleware answers with 400 and a Russian message naming the field (Hummingbird's own decode
    /// would answer in English).
    func decodeJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext) async throws -> T {
        let buffer = try await collectBody(within: context.maxUploadSize)
        do {
            return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw error
        } catch {
            throw HTTPError(.badRequest, message: "тело запроса не является JSON")
        }
    }
}
