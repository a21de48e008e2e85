import Testing
@testable import HardenCommands
@testable import HardenFormats
@testable import HardenModel

@Suite("How the client reaches the engine")
struct EngineEndpointTests {
    @Test("DOCKER_HOST and the TLS variables, read as the docker CLI reads them", arguments: [
        ([:], "unix:///var/run/docker.sock", "default", EngineEndpoint.Transport.socket),
        (["DOCKER_HOST": "unix:///run/user/1000/docker.sock"], "unix:///run/user/1000/docker.sock", "DOCKER_HOST", .socket),
        (["DOCKER_HOST": "tcp://10.0.0.5:2375"], "tcp://10.0.0.5:2375", "DOCKER_HOST", .plain),
        (["DOCKER_HOST": "tcp://10.0.0.5:2376", "DOCKER_TLS_VERIFY": "1"], "tcp://10.0.0.5:2376", "DOCKER_HOST", .verifiedTLS),
        // The CLI tests DOCKER_TLS_VERIFY for being non-empty: "0" still turns verification on.
        (["DOCKER_HOST": "tcp://10.0.0.5:2376", "DOCKER_TLS_VERIFY": "0"], "tcp://10.0.0.5:2376", "DOCKER_HOST", .verifiedTLS),
        (["DOCKER_HOST": "tcp://10.0.0.5:2376", "DOCKER_TLS": "1"], "tcp://10.0.0.5:2376", "DOCKER_HOST", .unverifiedTLS),
        (["DOCKER_HOST": "ssh://ops@build-1"], "ssh://ops@build-1", "DOCKER_HOST", .ssh),
        (["DOCKER_HOST": ""], "unix:///var/run/docker.sock", "default", .socket),
    ] as [([String: String], String, String, EngineEndpoint.Transport)])
    func environment(environment: [String: String], address: String, source: String, transport: EngineEndpoint.Transport) {
        let endpoint = EngineEndpoint.docker(environment: environment, context: nil)
        #expect(endpoint == EngineEndpoint(address: address, source: source, transport: transport))
    }

    @Test("a docker context names the endpoint and carries its own TLS material", arguments: [
        (#"{"Name": "default", "Endpoints": {"docker": {"Host": "unix:///var/run/docker.sock", "SkipTLSVerify": false}}, "TLSMaterial": {}}"#,
         "unix:///var/run/docker.sock", "default", EngineEndpoint.Transport.socket),
        (#"{"Name": "prod", "Endpoints": {"docker": {"Host": "tcp://prod:2375", "SkipTLSVerify": false}}, "TLSMaterial": {}}"#,
         "tcp://prod:2375", "docker context prod", .plain),
        (#"{"Name": "prod", "Endpoints": {"docker": {"Host": "tcp://prod:2376", "SkipTLSVerify": false}}, "TLSMaterial": {"docker": ["ca.pem", "cert.pem", "key.pem"]}}"#,
         "tcp://prod:2376", "docker context prod", .verifiedTLS),
        (#"{"Name": "prod", "Endpoints": {"docker": {"Host": "tcp://prod:2376", "SkipTLSVerify": true}}, "TLSMaterial": {"docker": ["cert.pem", "key.pem"]}}"#,
         "tcp://prod:2376", "docker context prod", .unverifiedTLS),
    ])
    func context(json: String, address: String, source: String, transport: EngineEndpoint.Transport) throws {
        let endpoint = EngineEndpoint.docker(environment: [:], context: try JSONParser.parse(json))
        #expect(endpoint == EngineEndpoint(address: address, source: source, transport: transport))
    }

    @Test("podman: CONTAINER_HOST, the socket podman info names, or the usual one for root and for users")
    func podman() throws {
        #expect(EngineEndpoint.podman(environment: ["CONTAINER_HOST": "tcp://h:8080"], info: nil, uid: 0).transport == .plain)
        let info = try DoctorFixtures.json("podman-info-rootful")
        #expect(EngineEndpoint.podman(environment: [:], info: info, uid: 0).address == "unix:///run/podman/podman.sock")
        #expect(EngineEndpoint.podman(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"], info: nil, uid: 1000).socketPath == "/run/user/1000/podman/podman.sock")
    }
}
