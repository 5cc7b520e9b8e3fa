import Testing
import TableTalkLLM

@Suite struct ChatModelErrorTests {
    @Test func anErrorSaysWhatHappenedInWords() {
        let e = ChatModelError(.rateLimited, status: 429, "slow down")
        #expect(e.description == "rateLimited (HTTP 429): slow down")
    }
}
