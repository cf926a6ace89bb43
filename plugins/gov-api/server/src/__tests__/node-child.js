/**
 * A second Strapi node for the gov-api cross-node test (tests/integration/gov-api-http.test.ts): boots
 * the compiled app on the database given in the environment (the parent's), prints READY, then on each
 * line "PUBLISH <orgDocumentId> <title>" creates and publishes an item (through the review workflow's
 * audited import approval when present) and prints "PUBLISHED <documentId>"; "EXIT" stops it.
 */
const path = require('path');
const readline = require('readline');

async function main() {
  const root = path.resolve(__dirname, '../../../../..');
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: root, distDir: path.join(root, 'dist'), autoReload: false, serveAdminPanel: false });
  app.log.level = 'error';
  await app.load();
  process.stdout.write('READY\n');
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    const [cmd, orgDocumentId, ...rest] = line.trim().split(' ');
    if (cmd === 'EXIT') break;
    if (cmd !== 'PUBLISH') continue;
    const uid = 'api::disclosure-item.disclosure-item';
    const item = await app.documents(uid).create({ data: { title: rest.join(' '), organization: orgDocumentId, publishDate: '2026-06-01' } });
    const workflow = app.plugin('review-workflow')?.service?.('workflow');
    if (workflow?.approveForImport) await workflow.approveForImport(uid, item.documentId, { comment: '第二节点测试' });
    await app.documents(uid).publish({ documentId: item.documentId });
    process.stdout.write(`PUBLISHED ${item.documentId}\n`);
  }
  await new Promise((r) => setTimeout(r, 200));
  await app.destroy();
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
