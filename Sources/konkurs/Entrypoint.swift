import KonkursCLI

@main
enum Entrypoint {
    static func main() async {
        await KonkursMain.run()
    }
}
