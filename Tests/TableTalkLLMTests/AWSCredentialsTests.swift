import Foundation
import TableTalkAWS
import Testing

/// Credentials and region from the standard AWS environment variables and the shared profile files.
@Suite struct AWSCredentialsTests {
    /// A fresh HOME with `~/.aws/credentials` and `~/.aws/config` holding `credentials` and `config`.
    static func home(credentials: String?, config: String?) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tt-aws-\(UUID().uuidString)/.aws")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if let credentials { try credentials.write(to: dir.appendingPathComponent("credentials"), atomically: true, encoding: .utf8) }
        if let config { try config.write(to: dir.appendingPathComponent("config"), atomically: true, encoding: .utf8) }
        return dir.deletingLastPathComponent().path
    }

    static let credentialsFile = """
        # shared credentials
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = secret/default+key

        [work]
        aws_access_key_id=AKIDWORK
        aws_secret_access_key=secretwork ; a comment
        aws_session_token = tokenwork

        [half]
        aws_access_key_id = AKIDHALF
        """

    static let configFile = """
        [default]
        region = eu-west-1

        [profile work]
        region = us-west-2
        s3 =
          max_concurrent_requests = 20
          region = nowhere-1

        [profile fromconfig]
        aws_access_key_id = AKIDCONFIG
        aws_secret_access_key = secretconfig
        region = ap-south-1

        [sso-session corp]
        region = ca-central-1
        """

    @Test func environmentVariablesComeFirst() throws {
        let home = try Self.home(credentials: Self.credentialsFile, config: Self.configFile)
        let env = AWSEnvironment(variables: [
            "HOME": home, "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "secretenv", "AWS_SESSION_TOKEN": "tokenenv",
            "AWS_PROFILE": "work", "AWS_REGION": "us-east-2", "AWS_DEFAULT_REGION": "sa-east-1",
        ])
        #expect(try env.credentials() == AWSCredentials(accessKeyId: "AKIDENV", secretAccessKey: "secretenv", sessionToken: "tokenenv"))
        #expect(env.region() == "us-east-2", "AWS_REGION wins over AWS_DEFAULT_REGION and the profile")
        #expect(try env.credentials(profile: "default").accessKeyId == "AKIDDEFAULT", "a profile named in configuration wins over the variables")
        var noSession = env
        noSession.variables["AWS_SESSION_TOKEN"] = ""
        #expect(try noSession.credentials().sessionToken == nil, "a blank session token is no token")
        noSession.variables["AWS_REGION"] = nil
        #expect(noSession.region() == "sa-east-1")
    }

    @Test func profilesFromTheSharedFiles() throws {
        let home = try Self.home(credentials: Self.credentialsFile, config: Self.configFile)
        let base = AWSEnvironment(variables: ["HOME": home])
        #expect(try base.credentials() == AWSCredentials(accessKeyId: "AKIDDEFAULT", secretAccessKey: "secret/default+key"))
        #expect(base.region() == "eu-west-1")
        let work = AWSEnvironment(variables: ["HOME": home, "AWS_PROFILE": "work"])
        #expect(try work.credentials() == AWSCredentials(accessKeyId: "AKIDWORK", secretAccessKey: "secretwork", sessionToken: "tokenwork"))
        #expect(work.region() == "us-west-2", "the nested s3 block's region is not the profile's")
        #expect(try base.credentials(profile: "fromconfig").accessKeyId == "AKIDCONFIG", "keys in the config file count too")
        #expect(base.region(profile: "fromconfig") == "ap-south-1")
        #expect(base.region(profile: "corp") == nil, "an sso-session section is not a profile")
    }

    @Test func fileOverridesAndErrors() throws {
        let elsewhere = try Self.home(credentials: "[default]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = other\n",
                                      config: "[default]\nregion = me-south-1\n")
        let home = try Self.home(credentials: Self.credentialsFile, config: nil)
        let env = AWSEnvironment(variables: [
            "HOME": home, "AWS_SHARED_CREDENTIALS_FILE": elsewhere + "/.aws/credentials", "AWS_CONFIG_FILE": elsewhere + "/.aws/config",
        ])
        #expect(try env.credentials().accessKeyId == "AKIDOTHER")
        #expect(env.region() == "me-south-1")

        let plain = AWSEnvironment(variables: ["HOME": home])
        #expect(throws: AWSCredentialsError.incomplete(profile: "half", file: home + "/.aws/credentials")) {
            try plain.credentials(profile: "half")
        }
        do {
            _ = try AWSEnvironment(variables: ["HOME": home, "AWS_PROFILE": "missing"]).credentials()
            Issue.record("a missing profile has no credentials")
        } catch {
            #expect(error.description.contains("\"missing\"") && error.description.contains(home + "/.aws/credentials"))
            #expect(error.description.contains("AWS_ACCESS_KEY_ID"))
        }
        #expect(plain.region() == nil, "no region anywhere")
    }
}
