#!/usr/bin/env node
// An integrating system (say, a national social protection MIS) written in JavaScript with kafkajs.
// It publishes one good and one bad beneficiary count submission exactly as the beneficiary-service
// README tells integrators to, then reads the answers: BeneficiaryCountReported for the good one on
// beneficiaries.beneficiary-count-events.v1, BeneficiaryCountSubmissionRejected for the bad one on
// beneficiaries.submission-rejections.v1.
//
// usage: node publish-submissions.js <bootstrap host:port> <programmeId> <country ISO3> [timeoutSeconds]
// Prints one JSON line per answer and exits 0 when both answers arrived, 1 otherwise.
'use strict';

const crypto = require('crypto');
const { Kafka, logLevel } = require('kafkajs');

const [bootstrap, programmeId, country, timeoutArg] = process.argv.slice(2);
if (!bootstrap || !programmeId || !country) {
  console.error('usage: node publish-submissions.js <bootstrap> <programmeId> <country> [timeoutSeconds]');
  process.exit(2);
}
const timeoutMs = 1000 * Number(timeoutArg || 60);
if (!process.env.SPMONITOR_TOKEN) {
  console.error('set SPMONITOR_TOKEN to the submitting system\'s access token (client-credentials grant)');
  process.exit(2);
}

const SUBMISSIONS = 'beneficiaries.beneficiary-count-submissions.v1';
const EVENTS = 'beneficiaries.beneficiary-count-events.v1';
const REJECTIONS = 'beneficiaries.submission-rejections.v1';

// The record the README describes: key = ISO3 country of the programme, value = the REST body as JSON,
// CloudEvents headers in binary mode, and the submitting system's identity.
function submission(ceId, body) {
  return {
    key: country,
    value: JSON.stringify(body),
    headers: {
      ce_id: ceId,
      ce_specversion: '1.0',
      ce_type: 'org.spmonitor.beneficiaries.BeneficiaryCountSubmission.v1',
      ce_source: '/integrators/kafkajs-mis',
      ce_time: new Date().toISOString(),
      'content-type': 'application/json',
      spmonitor_submitted_by: 'kafkajs-mis',
      authorization: `Bearer ${process.env.SPMONITOR_TOKEN}`,
    },
  };
}

const goodId = crypto.randomUUID();
const badId = crypto.randomUUID();
const good = {
  programmeId,
  period: '2025Q2',
  targetGroup: 'OLDER_PERSONS',
  measure: 'ACTIVE',
  total: 52340,
  sex: { female: 30120, male: 22220 },
  ageGroup: { '65+': 52340 },
};
const bad = {
  programmeId,
  period: '2025Q3',
  targetGroup: 'OLDER_PERSONS',
  measure: 'ACTIVE',
  total: 100,
  sex: { female: 60, male: 50 },
};

async function main() {
  const kafka = new Kafka({ clientId: 'kafkajs-mis', brokers: [bootstrap], logLevel: logLevel.WARN });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: 'kafkajs-mis-answers-' + crypto.randomUUID() });
  let reported = null;
  let rejected = null;
  let finish;
  const done = new Promise((resolve) => { finish = resolve; });
  const timer = setTimeout(() => finish(), timeoutMs);

  await consumer.connect();
  await consumer.subscribe({ topics: [EVENTS, REJECTIONS], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const payload = JSON.parse(message.value.toString('utf8'));
      const type = message.headers.ce_type ? message.headers.ce_type.toString() : '';
      if (topic === EVENTS && type === 'org.spmonitor.beneficiaries.BeneficiaryCountReported.v1'
          && payload.programmeId === programmeId && payload.period === good.period) {
        reported = payload;
        console.log(JSON.stringify({ answer: 'reported', submission: goodId, event: payload }));
      }
      if (topic === REJECTIONS && payload.originalId === badId) {
        rejected = payload;
        console.log(JSON.stringify({ answer: 'rejected', submission: badId, event: payload }));
      }
      if (reported && rejected) {
        finish();
      }
    },
  });

  await producer.connect();
  await producer.send({ topic: SUBMISSIONS, acks: -1, messages: [submission(goodId, good), submission(badId, bad)] });
  console.log(JSON.stringify({ published: [goodId, badId] }));

  await done;
  clearTimeout(timer);
  await producer.disconnect();
  await consumer.disconnect();
  if (!reported || !rejected) {
    console.error(JSON.stringify({ missing: { reported: !reported, rejected: !rejected }, timeoutMs }));
    process.exit(1);
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
