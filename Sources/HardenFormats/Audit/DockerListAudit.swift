import HardenModel
/// `check --file` for lists of any length: reads the list a batch at a time, audits the lines of a
/// batch on every core, and hands the rendered launches to the report in the order of the list.
///
/// A line that needs a shell, or that is not one engine invocation harden can read, is a launch
/// refused as not understood on this path too, exactly as the whole-list reading makes it.
/// A line harden cannot read (an unterminated quote, a line docker would refuse) is an
/// `unreadable-input` finding of its own, with the message the whole-list reading gives it. At any
/// other sign of trouble (a file it cannot read, bytes that are not UTF-8) it gives up, and the
/// caller reads the whole input as `DockerLineReader.entries(list:file:)` does.
package enum DockerListAudit {
    /// false when the list has to be read the old way. `batchBytes`: how much of the list is read
    /// and audited at a time.
    package static func audit(
        path: String, shown file: String, validator: Validator, into report: inout AuditReportStream, batchBytes: Int = 1 << 20
    ) -> Bool {
        var batches: DockerListBatches
        do { batches = try DockerListBatches(path: path) } catch { return false }
        let cores = Parallel.processors
        let format = report.format
        let show = report.show
        while true {
            let next: DockerListBatches.Batch?
            do { next = try batches.next(bytes: batchBytes) } catch { return false }
            guard let batch = next else { return true }
            // Several parts a core, so that a part of slow lines does not leave a core idle.
            let parts = max(1, min(batch.lines.count / 32, cores * 4))
            let pieces = Parallel.ranges(of: batch.lines.count, parts: parts) { lines in
                audit(batch, lines: lines, file: file, validator: validator, format: format, show: show)
            }
            for piece in pieces {
                guard let piece else { return false }
                report.append(piece)
            }
        }
    }

    /// Some lines of a batch, rendered; nil when one of them is not a clean launch.
    private static func audit(
        _ batch: DockerListBatches.Batch, lines: Range<Int>, file: String, validator: Validator,
        format: AuditReportStream.Format, show: Severity?
    ) -> AuditReportStream.Piece? {
        var piece = AuditReportStream.Piece()
        let complete = batch.text.withUnsafeBufferPointer { text in
            for line in batch.lines[lines] {
                let bytes = UnsafeBufferPointer(rebasing: text[line.range])
                let name = "\(file):\(line.number)"
                guard let words = ShellQuote.splitUTF8(bytes) else {
                    // Rare: the whole reading of the line says why, exactly as the list reading does.
                    guard let unreadable = unreadable(bytes, file: file, line: line.number) else { return false }
                    AuditReportStream.render(unreadable.result, format: format, show: show, into: &piece)
                    piece.problems.append(unreadable.message)
                    continue
                }
                guard !words.isEmpty else { continue }
                var refused = DockerLineReader.shellLine(bytes, words: words, name: name)
                if refused != nil, ShellWorkingDirectory.mayName(bytes), ShellWorkingDirectory.isPlain(validator.host.currentDirectory),
                   case .launch(let launch)? = DockerLineReader.entry(
                       String(decoding: bytes, as: UTF8.self), file: file, line: line.number, workingDirectory: validator.host.currentDirectory) {
                    // Rare: a line that names the directory it runs in (`$PWD`), read the list reading's way.
                    refused = launch
                    let result = AuditResult(launch: launch, findings: validator.findings(for: launch.plan, sources: launch.sources))
                    AuditReportStream.render(result, format: format, show: show, into: &piece)
                    continue
                }
                guard var launch = refused ?? (try? DockerLineReader.read(words: words, name: name)) else {
                    guard let unreadable = unreadable(bytes, file: file, line: line.number) else { return false }
                    AuditReportStream.render(unreadable.result, format: format, show: show, into: &piece)
                    piece.problems.append(unreadable.message)
                    continue
                }
                launch.sources = launch.sources.placed(inFile: file, line: line.number)
                let result = AuditResult(launch: launch, findings: validator.findings(for: launch.plan, sources: launch.sources))
                AuditReportStream.render(result, format: format, show: show, into: &piece)
            }
            return true
        }
        return complete ? piece : nil
    }

    /// A line the fast path could not read, read the list reading's way: its `unreadable-input`
    /// finding; nil if that reading disagrees and finds it readable.
    private static func unreadable(_ bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int) -> (result: AuditResult, message: String)? {
        guard case .unreadable(_, let message)? = DockerLineReader.entry(String(decoding: bytes, as: UTF8.self), file: file, line: line) else {
            return nil
        }
        return (UnreadableInput.result(name: "\(file):\(line)", file: file, message: message, line: line), message)
    }
}
