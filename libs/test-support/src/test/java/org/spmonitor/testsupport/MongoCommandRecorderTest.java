package org.spmonitor.testsupport;

import java.util.List;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MongoCommandRecorderTest {

    private static MongoCommandRecorder.Recorded command(String name, String json) {
        return new MongoCommandRecorder.Recorded(name, "db", "facts", BsonDocument.parse(json));
    }

    @Test
    void acceptsFiltersOnIdAloneByValueOrIn() {
        assertThat(MongoCommandRecorder.isById(BsonDocument.parse("{_id: 'a'}"))).isTrue();
        assertThat(MongoCommandRecorder.isById(BsonDocument.parse("{_id: {$in: ['a', 'b']}}"))).isTrue();
        assertThat(MongoCommandRecorder.isById(BsonDocument.parse("{_id: {country: 'KHM', year: 2025}}"))).isTrue();
    }

    @Test
    void flagsFiltersThatScanOnTheMongoWireServer() {
        assertThat(MongoCommandRecorder.isById(BsonDocument.parse("{_id: 'a', version: {$lt: 3}}"))).isFalse();
        assertThat(MongoCommandRecorder.isById(BsonDocument.parse("{_id: {$gt: 'a'}}"))).isFalse();
        assertThat(MongoCommandRecorder.isById(BsonDocument.parse("{published: false}"))).isFalse();
        assertThat(MongoCommandRecorder.isById(new BsonDocument())).isFalse();
    }

    @Test
    void findsTheFilterOfEachStatementOfABulkUpdate() {
        MongoCommandRecorder.Recorded update = command("update",
                "{update: 'facts', updates: [{q: {_id: 'a'}, u: {}}, {q: {country: 'KHM'}, u: {}}]}");
        List<BsonDocument> filters = MongoCommandRecorder.filtersOf(update);
        assertThat(filters).hasSize(2);
        assertThat(filters.get(1).getString("country").getValue()).isEqualTo("KHM");
    }

    @Test
    void treatsAPipelineWithoutALeadingMatchAsAScan() {
        MongoCommandRecorder.Recorded byId = command("find", "{find: 'facts', filter: {_id: 'a'}}");
        MongoCommandRecorder.Recorded scan = command("find", "{find: 'facts', filter: {year: 2025}}");
        MongoCommandRecorder.Recorded insert = command("insert", "{insert: 'facts', documents: [{_id: 'b'}]}");
        MongoCommandRecorder.Recorded unfiltered = command("aggregate",
                "{aggregate: 'facts', pipeline: [{$group: {_id: '$country'}}]}");
        assertThat(MongoCommandRecorder.filtersOf(insert)).isEmpty();
        assertThat(MongoCommandRecorder.filtersOf(scan)).hasSize(1);
        assertThat(MongoCommandRecorder.filtersOf(unfiltered)).containsExactly(new BsonDocument());
        assertThat(MongoCommandRecorder.filtersOf(byId).stream().allMatch(MongoCommandRecorder::isById)).isTrue();
    }

    @Test
    void acceptsTheVersionCheckOnIdAndVersionByEqualityOnly() {
        assertThat(MongoCommandRecorder.isByIdAndVersion(BsonDocument.parse("{_id: 'a', version: 3}"))).isTrue();
        assertThat(MongoCommandRecorder.isByIdAndVersion(BsonDocument.parse("{_id: 'a', version: {$numberLong: '3'}}")))
                .isTrue();
        assertThat(MongoCommandRecorder.isByIdAndVersion(BsonDocument.parse("{_id: 'a', version: {$lt: 3}}"))).isFalse();
        assertThat(MongoCommandRecorder.isByIdAndVersion(BsonDocument.parse("{_id: {$in: ['a']}, version: 3}")))
                .isFalse();
        assertThat(MongoCommandRecorder.isByIdAndVersion(BsonDocument.parse("{_id: 'a', version: 3, x: 1}")))
                .isFalse();
        assertThat(MongoCommandRecorder.isByIdAndVersion(BsonDocument.parse("{_id: 'a', published: false}")))
                .isFalse();
    }

    @Test
    void listsAVersionCheckAsIndexedAndAnythingElseBesideItAsAScan() {
        List<MongoCommandRecorder.Recorded> commands = List.of(
                command("update", "{update: 'facts', updates: [{q: {_id: 'a', version: 2}, u: {}}]}"),
                command("update", "{update: 'facts', updates: [{q: {_id: 'a', version: {$lt: 2}}, u: {}}]}"));
        assertThat(MongoCommandRecorder.notById(commands)).singleElement()
                .satisfies(c -> assertThat(c.body().toJson()).contains("$lt"));
    }
}
