import Foundation
import TableTalkAWS
import TableTalkCore
import TableTalkTestSupport
import Testing

/// `deploy/tabletalk.yaml`: cfn-lint passes, and moto's CloudFormation creates the stack (the resources moto
/// models: bucket, table, log group, role) with the settings we ask for.
@Suite struct DeployTemplateTests {
    static let template = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy/tabletalk.yaml")

    @Test func cfnLintPasses() async throws {
        let outcome = try await ChildProcess.run(["cfn-lint", Self.template.path])
        if outcome.status == 127 {
            Issue.record("cfn-lint is not installed (pip install cfn-lint): the template cannot be checked")
            return
        }
        #expect(outcome.status == 0, "cfn-lint: \(outcome.text) \(String(decoding: outcome.errors, as: UTF8.self))")
    }

    @Test func templateNamesEverySettingOfTheAWSDeployment() throws {
        let text = try String(contentsOf: Self.template, encoding: .utf8)
        for key in [
            "region", "bucket", "prefix", "sseKmsKeyId", "glueDatabasePrefix", "athenaWorkgroup", "athenaOutputLocation",
            "athenaBytesScannedCutoff", "dynamoDBTable", "cognitoUserPoolId", "cognitoClientId", "cloudWatchNamespace",
        ] {
            #expect(text.contains("Description: aws.\(key) ("), "no output for aws.\(key)")
        }
    }

    /// What moto does not model, read from the template itself (cfn-lint checks the property names and types).
    @Test func templateDeclaresTheBucketProtectionsAndTheWorkgroupLimits() throws {
        let text = try String(contentsOf: Self.template, encoding: .utf8)
        for line in [
            "BlockPublicAcls: true", "BlockPublicPolicy: true", "IgnorePublicAcls: true", "RestrictPublicBuckets: true",
            "DaysAfterInitiation: !Ref AbortIncompleteUploadsAfterDays", "AllowedMethods: [PUT]", "AllowedOrigins: [!Ref UIOrigin]",
            "ExposedHeaders: [ETag]", "BytesScannedCutoffPerQuery: !Ref BytesScannedCutoffPerQuery",
            "EnforceWorkGroupConfiguration: true", "EncryptionOption: !If [UseKms, SSE_KMS, SSE_S3]",
            "PointInTimeRecoveryEnabled: true", "SSEEnabled: true", "BillingMode: PAY_PER_REQUEST", "GenerateSecret: false",
            "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "\"cloudwatch:namespace\": !Ref CloudWatchNamespace",
        ] {
            #expect(text.contains(line), "deploy/tabletalk.yaml lacks \(line)")
        }
    }

    @Test func stackIsCreatedInMoto() async throws {
        let aws = try await AWSClientTests.client()
        let stack = "tt-stack-\(UUID().uuidString.lowercased().prefix(8))"
        let body = try String(contentsOf: Self.template, encoding: .utf8)
        _ = try await aws.query(.cloudFormation, action: "CreateStack", parameters: [
            ("StackName", stack), ("TemplateBody", body), ("Capabilities.member.1", "CAPABILITY_IAM"),
            ("Parameters.member.1.ParameterKey", "UIOrigin"), ("Parameters.member.1.ParameterValue", "https://ui.example.org"),
            ("Parameters.member.2.ParameterKey", "AbortIncompleteUploadsAfterDays"), ("Parameters.member.2.ParameterValue", "2"),
        ])
        var status = ""
        var described = ""
        let deadline = ContinuousClock.now + .seconds(30)
        repeat {
            described = try await aws.query(.cloudFormation, action: "DescribeStacks", parameters: [("StackName", stack)])
            status = AWSXML.value("StackStatus", in: described) ?? ""
            if status.hasSuffix("_IN_PROGRESS") { try await Task.sleep(for: .milliseconds(200)) }
        } while status.hasSuffix("_IN_PROGRESS") && ContinuousClock.now < deadline
        #expect(status == "CREATE_COMPLETE", "\(described)")

        let outputs = Self.outputs(described)
        let bucket = try #require(outputs["Bucket"])
        let table = try #require(outputs["DynamoDBTable"])
        #expect(outputs["Prefix"] == "tabletalk/")
        #expect(outputs["AthenaOutputLocation"] == "s3://\(bucket)/tabletalk/athena-results/")

        // The bucket exists and encrypts by default (moto's CloudFormation applies a bucket's encryption and tags
        // only; lifecycle, CORS and the public access block are checked in the template text and by cfn-lint).
        let encryption = try await aws.send(.s3, method: "GET", path: "/\(bucket)", query: [("encryption", "")]).text
        #expect(AWSXML.value("SSEAlgorithm", in: encryption) == "AES256")

        // The table: PK/SK strings (the DynamoDB history store's key names), on demand.
        struct Named: Encodable { var TableName: String }
        let described2 = try await aws.json(.dynamoDB, action: "DescribeTable", body: Array(try JSONEncoder().encode(Named(TableName: table))))
        let tableInfo = try #require(try JSONSerialization.jsonObject(with: Data(described2)) as? [String: Any])["Table"] as? [String: Any]
        let keys = (tableInfo?["KeySchema"] as? [[String: String]] ?? []).map { "\($0["AttributeName"] ?? "")/\($0["KeyType"] ?? "")" }
        #expect(keys == ["PK/HASH", "SK/RANGE"])
        #expect((tableInfo?["BillingModeSummary"] as? [String: Any])?["BillingMode"] as? String == "PAY_PER_REQUEST")
        // (moto's CloudFormation applies neither point-in-time recovery nor SSESpecification, which it reads under
        // the API's key `Enabled` rather than `SSEEnabled`: the template text test covers both.)

        // The role exists under the name the stack reports.
        let roleArn = try #require(outputs["ServiceRoleArn"])
        let role = String(roleArn.split(separator: "/").last ?? "")
        let iam = AWSService(signingName: "iam", endpointPrefix: "iam", wire: .query(apiVersion: "2010-05-08"))
        let roleXML = try await aws.query(iam, action: "GetRole", parameters: [("RoleName", role)])
        #expect(AWSXML.value("Arn", in: roleXML) == roleArn)
    }

    /// `OutputKey` → `OutputValue` of a DescribeStacks reply.
    static func outputs(_ xml: String) -> [String: String] {
        var out: [String: String] = [:]
        for member in xml.components(separatedBy: "<OutputKey>").dropFirst() {
            let key = String(member.prefix { $0 != "<" })
            if let value = AWSXML.value("OutputValue", in: member) { out[key] = value }
        }
        return out
    }
}
