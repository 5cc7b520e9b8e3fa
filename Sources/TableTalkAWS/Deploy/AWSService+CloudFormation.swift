/// CloudFormation (query protocol), for creating the `deploy/tabletalk.yaml` stack from tests and tools.
extension AWSService {
    public static let cloudFormation = AWSService(
        signingName: "cloudformation", endpointPrefix: "cloudformation", wire: .query(apiVersion: "2010-05-15"))
}
