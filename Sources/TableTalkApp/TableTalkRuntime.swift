public import Foundation
public import Logging
public import TableTalkBroker
public import TableTalkMonitoring
import TableTalkAWS
public import TableTalkCore
import TableTalkLLM
import TableTalkProtocol
import TableTalkQuery
import TableTalkUpload

/// The composition root: turns an ``AppConfiguration`` into adapters, capability modules and a ``Broker``.
/// Only this target (and the `tabletalk` executable) sees every module.
public struct TableTalkRuntime: Sendable {
    public static let version = "0.1.0"
    public let configuration: AppConfiguration
    public let broker: Broker
    public let monitoring: MonitoringCapability
    public let tokens: TokenStore
    public let logger: Logger
    /// Where operational figures go besides `/metrics` (CloudWatch on AWS); flushed by ``shutdown()``.
    public let metrics: (any MetricsPublisher)?

    public init(configuration: AppConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        try PrivateDataDirectory.prepare(configuration.dataDir)
        tokens = TokenStore(dataDir: configuration.dataDir)

        let hub = ConnectionHub()
        let plugins = configuration.plugins.map { ExternalPlugin(configuration: $0) }
        let checks: [any HealthCheck] =
            [DataDirCheck(dataDir: configuration.dataDir, minFreeBytes: configuration.minFreeDiskBytes)]
            + plugins.map { PluginCheck(plugin: $0) }
        monitoring = MonitoringCapability(
            hub: hub, rules: .init(errorRate: configuration.alertErrorRate, p95LatencyMs: configuration.alertP95Ms),
            version: Self.version, checks: checks, log: OperatorLog(logger: logger))

        var modules: [any Capability] = [monitoring]
        // AWS: request, error and Athena figures also go to CloudWatch (PutMetricData, batched off the request path).
        if let aws = configuration.awsDeployment {
            let publisher = aws.metricsPublisher(client: AWSClient(settings: aws.awsSettings()), logger: logger)
            publisher.start()
            metrics = publisher
            modules.append(MonitoringMetricsForwarder(publisher: publisher))
        } else {
            metrics = nil
        }
        let models = monitoring.models
        modules += Self.dataCapabilities(configuration: configuration, logger: logger, hub: hub, metrics: metrics) { call in
            models.record(
                provider: call.provider, model: call.model, latencyMs: call.latencyMs, error: call.error,
                inputTokens: call.inputTokens, outputTokens: call.outputTokens)
        }

        broker = Broker(
            configuration: .init(
                serverName: "tabletalk", serverVersion: Self.version, maxInFlight: configuration.maxInFlight,
                features: configuration.deploymentFeatures
                    .merging(TranslatorFactory.features(configuration)) { _, new in new }),
            capabilities: modules, externalPlugins: plugins, discoverDocument: OpenRPCDocument.load(), hub: hub,
            logger: logger)
        // Event plugins hand sns:/sqs: deliveries to the gateway (events.deliver); on AWS the adapter sends them.
        if let aws = configuration.awsDeployment {
            hub.events.setTargetSink(AWSEventTargets(client: AWSClient(settings: aws.awsSettings())))
        }
    }

    /// Sends what is still buffered for the metrics backend; call once when the process ends.
    public func shutdown() async {
        await metrics?.flush()
    }

    /// The capability modules over the embedded default adapters (SQLite, local files, offline parser).
    /// - Parameter hub: where progress of raw `PUT` upload parts goes (every connection of the uploader).
    /// - Parameter onModelCall: told about every language model call (monitoring).
    static func dataCapabilities(
        configuration: AppConfiguration, logger: Logger, hub: ConnectionHub? = nil, metrics: (any MetricsPublisher)? = nil,
        onModelCall: (@Sendable (ModelCall) -> Void)? = nil
    ) -> [any Capability] {
        var modules: [any Capability] = []
        let adapters = DataAdapters(configuration: configuration, metrics: metrics)
        // Upload and Query (issue 3): uploads → CSVIngestor (+ raw files in the object store); query.* → SQLEngine.
        // On AWS, clients put parts straight into S3 (presigned multipart part URLs) and finish reads them there.
        let uploads = UploadManager(
            configuration: .init(configuration), ingestor: adapters.ingestor, hasher: adapters.hasher,
            directTarget: adapters.directUploads)
        modules.append(UploadCapability(manager: uploads, hub: hub))
        modules.append(QueryCapability(engine: adapters.engine, configuration: .init(configuration)))
        // Chat and History (issue 4): questions → QuestionTranslator + the shared engine; history → HistoryStore.
        // The translator the configuration names (rules, llm, hybrid); issue 12.
        let translator = TranslatorFactory.make(configuration, logger: logger, dialect: adapters.dialect, onCall: onModelCall)
        modules += ChatModules.make(
            configuration: configuration, engine: adapters.engine, history: adapters.history, translator: translator,
            scansForValues: adapters.scansForValues)
        return modules
    }
}
