import HardenModel

extension HardenError {
    /// The message with each `FILE:LINE` rewritten: compose files are read merged into one text, and
    /// a reader's message names a line of that text, which must become the line of the file the user
    /// wrote. `replace` gives the new text for `FILE:LINE`, or nil to leave it; `bare`, when given,
    /// replaces a `FILE` that no line number follows.
    func rewritingLocations(of file: String, bare: String? = nil, _ replace: (Int) -> String?) -> HardenError {
        let text = Array(message.utf8), prefix = Array((file + ":").utf8)
        var result: [UInt8] = []
        var index = 0
        while index < text.count {
            if text.count - index >= prefix.count, text[index..<index + prefix.count].elementsEqual(prefix) {
                var end = index + prefix.count
                while end < text.count, text[end] >= UInt8(ascii: "0"), text[end] <= UInt8(ascii: "9") { end += 1 }
                if let line = Int(String(decoding: text[index + prefix.count..<end], as: UTF8.self)) {
                    if let replaced = replace(line) {
                        result += Array(replaced.utf8)
                        index = end
                        continue
                    }
                } else if let bare {
                    result += Array(bare.utf8)
                    index += prefix.count - 1
                    continue
                }
            }
            result.append(text[index])
            index += 1
        }
        return HardenError(kind, String(decoding: result, as: UTF8.self))
    }
}
