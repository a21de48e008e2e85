import Testing
@testable import HardenModel

/// tmpfs words as mount(2) and tmpfs(5) read them: docker's `--tmpfs` and an OCI config hand them
/// to the kernel unchanged, so a word the kernel would refuse (or read otherwise) is refused here.
@Suite("tmpfs options read as the kernel reads them")
struct TmpfsOptionTests {
    @Test("words the kernel takes become typed options and are spelt back the same way", arguments: [
        ("size=64m", LaunchPlan.TmpfsOption.size(64 << 20), "size=64m"), ("size=1G", .size(1 << 30), "size=1g"),
        ("size=4096", .size(4096), "size=4k"), ("mode=1777", .mode(0o1777), "mode=1777"), ("mode=755", .mode(0o755), "mode=0755"),
        ("uid=65532", .uid(65532), "uid=65532"), ("gid=0", .gid(0), "gid=0"), ("nr_inodes=4k", .inodes(4096), "nr_inodes=4k"),
        ("noexec", .flag(.noexec), "noexec"), ("ro", .flag(.ro), "ro"), ("strictatime", .flag(.strictatime), "strictatime"),
    ])
    func read(word: String, option: LaunchPlan.TmpfsOption, spelt: String) throws {
        #expect(try LaunchPlan.TmpfsOption.kernel(word).get() == option)
        #expect(option.kernelSpelling == spelt)
    }

    @Test("words the kernel refuses or reads otherwise are refused, saying what was expected", arguments: [
        ("size=lots", "a size above zero"), ("size=0", "a size above zero"), ("size=64mb", "a size above zero"),
        ("size=010m", "a size above zero"), ("size=50%", "a size above zero"), ("size=", "a size above zero"),
        ("mode=999", "octal permission bits"), ("mode=12345", "octal permission bits"), ("uid=-1", "a numeric id"),
        ("uid=x", "a numeric id"), ("frobnicate", "a tmpfs mount flag"), ("mpol=default", "a tmpfs option harden reads"),
        ("NOEXEC", "a tmpfs mount flag"), ("mode=+17", "octal permission bits"), ("mode=", "octal permission bits"),
        ("uid=4294967295", "a numeric id"), ("gid=99999999999999999999", "a numeric id"), ("gid=", "a numeric id"),
        ("size=64m,", "a size above zero"), ("uid=6\u{301}", "a numeric id"),
    ])
    func refused(word: String, expected: String) {
        guard case .failure(let problem) = LaunchPlan.TmpfsOption.kernel(word) else {
            Issue.record("\(word) was read")
            return
        }
        #expect(problem.word == word && problem.expected.hasPrefix(expected), "\(problem)")
    }

    @Test("the last of ro and rw decides, as mount(2) reads the list")
    func readOnly() {
        #expect(LaunchPlan.TmpfsMount(target: "/x", options: [.flag(.ro), .flag(.rw)]).readOnly == false)
        #expect(LaunchPlan.TmpfsMount(target: "/x", options: [.flag(.rw), .size(1), .flag(.ro)]).readOnly)
    }
}
