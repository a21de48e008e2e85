import Testing
@testable import HardenModel

@Suite struct GoBoolTests {
    @Test(arguments: ["1", "t", "T", "TRUE", "true", "True"])
    func trueSpellings(word: String) {
        #expect(GoBool.parse(word) == true)
        #expect(GoBool.parse("x\(word)x".dropFirst().dropLast()) == true)
    }

    @Test(arguments: ["0", "f", "F", "FALSE", "false", "False"])
    func falseSpellings(word: String) {
        #expect(GoBool.parse(word) == false)
        #expect(GoBool.parse(word[...]) == false)
    }

    /// strconv.ParseBool takes nothing else: no other case, no blanks, no yes/no.
    @Test(arguments: ["", "tRUE", "truE", "yes", "no", "on", " true", "true ", "2", "tru", "falsey", "ＴＲＵＥ", "t\u{301}"])
    func everythingElseIsNotABoolean(word: String) {
        #expect(GoBool.parse(word) == nil)
        #expect(GoBool.parse(word[...]) == nil)
    }
}
