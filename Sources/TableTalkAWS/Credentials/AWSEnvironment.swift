public import Foundation

/// Where AWS SDKs read credentials and region: the standard environment variables, then the profile in
/// `~/.aws/credentials` and `~/.aws/config` (paths overridable by `AWS_SHARED_CREDENTIALS_FILE`/`AWS_CONFIG_FILE`).
public struct AWSEnvironment: Sendable {
    public var variables: [String: String]

    public init(variables: [String: String] = ProcessInfo.processInfo.environment) {
        self.variables = variables
    }

    /// `AWS_PROFILE`, else "default".
    public var profileName: String { value("AWS_PROFILE") ?? "default" }

    public var credentialsFilePath: String { value("AWS_SHARED_CREDENTIALS_FILE").map(expandingHome) ?? home(".aws/credentials") }
    public var configFilePath: String { value("AWS_CONFIG_FILE").map(expandingHome) ?? home(".aws/config") }

    /// Credentials: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`) unless a profile is named
    /// explicitly, then the profile (`profile`, else `AWS_PROFILE`, else "default") in the credentials file, then in
    /// the config file. Read on each call, so rotated keys and refreshed session tokens are picked up.
    public func credentials(profile explicitProfile: String? = nil) throws(AWSCredentialsError) -> AWSCredentials {
        if explicitProfile == nil, let id = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") {
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: value("AWS_SESSION_TOKEN"))
        }
        let profile = explicitProfile ?? profileName
        for (path, kind) in [(credentialsFilePath, AWSProfileFile.Kind.credentials), (configFilePath, .config)] {
            guard let settings = Self.load(path, kind)?.profile(profile) else { continue }
            let id = settings["aws_access_key_id"], secret = settings["aws_secret_access_key"]
            switch (id, secret) {
            case (let id?, let secret?):
                return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: settings["aws_session_token"])
            case (nil, nil):
                continue
            default:
                throw .incomplete(profile: profile, file: path)
            }
        }
        let envNote = explicitProfile == nil ? ["AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"] : []
        throw .notFound(profile: profile, looked: envNote + [credentialsFilePath, configFilePath])
    }

    /// Region: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region` in the config file; nil when none.
    public func region(profile explicitProfile: String? = nil) -> String? {
        if let region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") { return region }
        return Self.load(configFilePath, .config)?.profile(explicitProfile ?? profileName)?["region"]
    }

    /// A variable's value, nil when unset or blank.
    func value(_ name: String) -> String? {
        guard let raw = variables[name]?.trimmingWhitespace, !raw.isEmpty else { return nil }
        return raw
    }

    func home(_ relative: String) -> String {
        let base = value("HOME") ?? NSHomeDirectory()
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    func expandingHome(_ path: String) -> String {
        path == "~" ? home("") : path.hasPrefix("~/") ? home(String(path.dropFirst(2))) : path
    }

    static func load(_ path: String, _ kind: AWSProfileFile.Kind) -> AWSProfileFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return AWSProfileFile(text: String(decoding: data, as: UTF8.self), kind: kind)
    }
}
