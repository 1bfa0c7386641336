import Foundation
import Testing
import VigilStore

@Suite("Store lifecycle contract")
struct StoreLifecycleContractTests {
    @Test(arguments: StoreBackend.available)
    func migratingAMigratedStoreAppliesNothing(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let applied = try await store.migrate()
            #expect(applied == [])
        }
    }

    @Test(arguments: StoreBackend.available)
    func healthyStorePassesHealthCheck(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.checkHealth()
        }
    }

    @Test("a skipped PostgreSQL suite is a failure under CI")
    func postgresSuiteIsNotSkippedUnderCI() {
        if StoreBackend.isCI {
            #expect(
                StoreBackend.postgresURL != nil,
                "CI=true but VIGIL_TEST_POSTGRES_URL is not set: the PostgreSQL contract suite did not run")
        }
    }
}
