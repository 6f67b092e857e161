// The broker-only reference for `npm run bench -- gateway`: a plain QoS 1 subscriber that
// acknowledges at once and does nothing else. Prints "ready" once subscribed and "done" after
// the expected number of messages.
import mqtt from 'mqtt';

const [url, expectedText] = process.argv.slice(2);
const expected = Number(expectedText);
const client = await mqtt.connectAsync(url!, { clientId: `plain-${process.pid}`, clean: true, protocolVersion: 5 });
let received = 0;
client.on('message', () => {
  received += 1;
  if (received === expected) {
    console.log('done');
    void client.endAsync().then(() => process.exit(0));
  }
});
await client.subscribeAsync('factory/+/+/+/telemetry', { qos: 1 });
console.log('ready');
