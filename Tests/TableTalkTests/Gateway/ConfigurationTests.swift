import Foundation
import Testing
import TableTalkApp

/// One configuration: defaults < file < TABLETALK_* environment < flags; bad values are clear errors.
@Suite struct ConfigurationTests {
    func dir(withConfig json: String?) throws -> URL {
        let d = PackagePaths.tempDir("tt-config")
        if let json { try json.write(to: d.appendingPathComponent("config.json"), atomically: true, encoding: .utf8) }
        return d
    }

    @Test func defaults() throws {
        let d = try dir(withConfig: nil)
        let c = try ConfigurationLoader(environment: [:]).load(dataDirFlag: d.path, configFile: nil)
        #expect(c.port == 8080 && c.host == "127.0.0.1" && c.queryTimeoutSeconds == 10 && c.maxUploadBytes == 1 << 30)
        #expect(c.dataDir.path == d.path)
    }

    @Test func precedenceIsDefaultsFileEnvironmentFlags() throws {
        let d = try dir(withConfig: #"{"port": 9000, "host": "0.0.0.0", "maxRows": 50, "queryTimeoutSeconds": 3}"#)
        let env = ["TABLETALK_PORT": "9100", "TABLETALK_MAX_ROWS": "70"]
        let c = try ConfigurationLoader(environment: env).load(dataDirFlag: d.path, configFile: nil) { $0.port = 9200 }
        #expect(c.host == "0.0.0.0")  // file over default
        #expect(c.queryTimeoutSeconds == 3)  // file
        #expect(c.maxRows == 70)  // environment over file
        #expect(c.port == 9200)  // flag over environment
    }

    @Test func dataDirComesFromFlagThenEnvironmentThenXDG() throws {
        let d = try dir(withConfig: nil)
        let fromEnv = try ConfigurationLoader(environment: ["TABLETALK_DATA_DIR": d.path]).load(dataDirFlag: nil, configFile: nil)
        #expect(fromEnv.dataDir.path == d.path)
        #expect(AppConfiguration.defaultDataDir(environment: ["XDG_DATA_HOME": "/x"]).path == "/x/tabletalk")
        #expect(AppConfiguration.defaultDataDir(environment: ["HOME": "/home/u"]).path == "/home/u/.local/share/tabletalk")
    }

    @Test func badValuesAreClearErrors() throws {
        let d = try dir(withConfig: #"{"port": "eighty"}"#)
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader(environment: [:]).load(dataDirFlag: d.path, configFile: nil) }
        let e = try dir(withConfig: nil)
        do {
            _ = try ConfigurationLoader(environment: ["TABLETALK_PORT": "x"]).load(dataDirFlag: e.path, configFile: nil)
            Issue.record("expected an error")
        } catch let error as ConfigurationError {
            #expect(error.description.contains("TABLETALK_PORT"))
        }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: [:]).load(dataDirFlag: e.path, configFile: "/nonexistent/config.json")
        }
    }
}
