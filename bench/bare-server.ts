// The baseline for throughput: Fastify with one route and no plugins, in its own process
// like the platform, so the ratio shows what the platform's own work costs.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => 'hello');
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
