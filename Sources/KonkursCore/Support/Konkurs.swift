/// Facts about this build of Konkurs that every layer may show.
public enum Konkurs {
    public static let name = "Konkurs"
    public static let version = "0.1.0"
}
