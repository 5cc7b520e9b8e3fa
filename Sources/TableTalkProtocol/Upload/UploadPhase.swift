/// Where an upload stands: bytes arriving (`receiving`), the file being read and typed (`parsing`), rows being
/// written (`loading`), done (`ready`) or given up (`failed`).
public enum UploadPhase: String, Codable, Sendable, Hashable, CaseIterable {
    case receiving, parsing, loading, ready, failed
}
