import Testing

@testable import KonkursCore

@Suite struct ActionableErrorTests {
    struct Sample: ActionableError { let message = "папка занята" }

    @Test func describesItselfByItsMessage() {
        #expect("\(Sample())" == "папка занята")
    }
}
