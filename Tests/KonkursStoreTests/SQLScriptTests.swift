import Testing

@testable import KonkursStore

@Suite struct SQLScriptTests {
    @Test func splitsOnSemicolonsAndDropsEmptyStatements() {
        let statements = SQLScript.statements(in: "CREATE TABLE a (x int);\n\n;  INSERT INTO a VALUES (1);\n")
        #expect(statements == ["CREATE TABLE a (x int)", "INSERT INTO a VALUES (1)"])
    }

    @Test func keepsSemicolonsInsideStringsAndIdentifiers() {
        let statements = SQLScript.statements(in: #"INSERT INTO t VALUES ('a;b', 'it''s;'); SELECT "odd;name" FROM t"#)
        #expect(statements == [#"INSERT INTO t VALUES ('a;b', 'it''s;')"#, #"SELECT "odd;name" FROM t"#])
    }

    @Test func keepsDollarQuotedBodiesWhole() {
        let function = """
            CREATE FUNCTION f() RETURNS trigger AS $body$
            BEGIN
              PERFORM 1; RETURN NEW;
            END;
            $body$ LANGUAGE plpgsql
            """
        let statements = SQLScript.statements(in: function + ";\nSELECT $$a;b$$, $1")
        #expect(statements == [function, "SELECT $$a;b$$, $1"])
    }

    @Test func ignoresSemicolonsInComments() {
        let statements = SQLScript.statements(in: "-- first; comment\nSELECT 1; /* block; /* nested; */ still */ SELECT 2;\n-- trailing;")
        #expect(statements == ["-- first; comment\nSELECT 1", "/* block; /* nested; */ still */ SELECT 2"])
    }
}
