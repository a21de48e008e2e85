import HardenFormats
import HardenModel
/// `harden version` and `harden --version`
enum VersionCommand {
    static let command = HardenCLI.Command(
        name: "version", summary: "print harden's version", usage: "harden version", details: "",
        run: { _, console throws(HardenError) in
            console.out("harden \(HardenVersion.current)\n")
            return 0
        })
}
