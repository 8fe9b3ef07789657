/**
 * The explorer page's script, served as `<path>/explorer/explorer.js` next to the browser client
 * (`<path>/explorer/client/`). Plain browser JavaScript kept as text: it never runs in Node.
 */
export const EXPLORER_SCRIPT = String.raw`import { createJsonRpcClient, createWeeRpcClient } from './client/index.js';

const doc = JSON.parse(document.getElementById('openrpc-document').textContent);
const url = document.getElementById('methods').dataset.endpoint;
const weerpc = doc['x-weerpc-protocols'].some(name => name.startsWith('weerpc/'));
const client = weerpc ? createWeeRpcClient({ url }) : createJsonRpcClient({ url });

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function pretty(value) {
  return JSON.stringify(value, null, 2);
}

function schemaBlock(label, value) {
  return el('details', {}, el('summary', {}, label), el('pre', {}, pretty(value)));
}

function exampleData(method) {
  const example = method.examples && method.examples[0];
  if (!example) {
    return method.paramStructure === 'by-name' && method.params.length > 0 ? {} : null;
  }
  if (method.paramStructure === 'by-position') {
    return example.params[0].value;
  }
  return Object.fromEntries(example.params.map(param => [param.name, param.value]));
}

async function send(method, data) {
  if (weerpc) {
    return client.call(method.name, data);
  }
  try {
    return { ok: true, message: null, data: await client.call(method.name, data ?? undefined) };
  } catch (error) {
    return { ok: false, message: error.message, data: error.data ?? null };
  }
}

function methodSection(method) {
  const guards = [];
  if (method['x-weerpc-session-auth']) guards.push('session: ' + method['x-weerpc-session-auth'].join(', '));
  if (method['x-weerpc-host-auth']) guards.push('host list');
  const input = el('textarea', { name: 'data', spellcheck: false, value: pretty(exampleData(method)) });
  input.setAttribute('aria-label', method.name + ' data (JSON)');
  const result = el('pre', { className: 'result', hidden: true });
  result.dataset.result = method.name;
  const answer = el('pre', { className: 'answer', hidden: true });
  const form = el('form', {}, el('label', {}, 'data (JSON)'), input, el('button', { type: 'submit' }, 'Call ' + method.name), result, answer);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    let data;
    try {
      data = input.value.trim() === '' ? null : JSON.parse(input.value);
    } catch (error) {
      answer.hidden = false;
      answer.textContent = 'Not JSON: ' + error.message;
      return;
    }
    try {
      const outcome = await send(method, data);
      result.hidden = false;
      result.textContent = pretty(outcome.data);
      answer.hidden = false;
      answer.className = outcome.ok ? 'answer' : 'answer failed';
      answer.textContent = pretty(outcome);
    } catch (error) {
      answer.hidden = false;
      answer.className = 'answer failed';
      answer.textContent = String(error);
    }
  });
  const section = el(
    'section',
    { className: 'method', id: 'method-' + method.name },
    el('h2', {}, el('code', { className: 'name' }, method.name), ...guards.map(text => el('span', { className: 'badge' }, text))),
  );
  if (method.summary) section.append(el('p', {}, method.summary));
  if (method.description) section.append(el('p', {}, method.description));
  section.append(
    schemaBlock('data', method['x-weerpc-data'] ?? null),
    schemaBlock('result', method.result.schema),
    schemaBlock('errors', method.errors),
    form,
  );
  return section;
}

const main = document.getElementById('methods');
main.replaceChildren(...doc.methods.map(methodSection));
if (Object.keys(doc.components.schemas).length > 0) {
  main.append(el('section', { className: 'schemas' }, el('h2', {}, 'Schemas'), el('pre', {}, pretty(doc.components.schemas))));
}
`;
