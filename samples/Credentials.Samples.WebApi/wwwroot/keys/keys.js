// The key page, built only on the library's public endpoints: POST /auth/login, POST /auth/logout and the API-key
// routes under /api/v1/api-keys. Rules this file keeps:
// - the JWT lives in the `session` variable only: never in localStorage, sessionStorage, a cookie or a URL;
// - a plain key is shown once, in the secret dialog, and wiped from the DOM (and from this module) when it closes;
// - text reaches the DOM through textContent and attributes only (the page's CSP also requires Trusted Types);
// - nothing is logged.

const apiKeys = '/api/v1/api-keys';

/** @type {{ token: string, username: string, permissions: string[] } | null} */
let session = null;

/** @type {Map<string, any>} the listed keys by uuid, for the dialogs */
const listed = new Map();

/** @type {string | null} the uuid the roll or delete dialog acts on */
let selectedUuid = null;

/** @type {string | null} the uuid whose row gets focus back after a dialog */
let focusUuidAfterDialog = null;

/** Numbers each listing, so that an older answer arriving late never overwrites a newer one. */
let listing = 0;

const byId = (id) => document.getElementById(id);

// ---- talking to the API ------------------------------------------------------------------------------------------

/** One request; the JWT goes in the Authorization header, bodies as JSON. Never throws for an HTTP status. */
async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (session) {
    headers.Authorization = `Bearer ${session.token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }

  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    return { status: 0, data: null, retryAfter: null };
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (response.status === 401 && session && path !== '/auth/login') {
    endSession('Your session has ended. Sign in again.');
  }

  return { status: response.status, data, retryAfter: response.headers.get('Retry-After') };
}

/** What a refused request tells the person, for the statuses an action can meet. */
function refusal(result) {
  switch (result.status) {
    case 0:
      return 'The server could not be reached. Try again.';
    case 401:
      return 'Your session has ended. Sign in again.';
    case 403:
      return 'Not allowed: your account may not do this (403).';
    case 404:
      return 'This key no longer exists (404).';
    case 409:
      return 'The key changed meanwhile; the list has been refreshed (409).';
    case 429:
      return result.retryAfter
        ? `Too many attempts. Try again in ${result.retryAfter} seconds (429).`
        : 'Too many attempts. Try again later (429).';
    default:
      return result.data?.message ? `${result.data.message} (${result.status}).` : `The request failed (${result.status}).`;
  }
}

/**
 * Puts a 422's field errors next to their fields. `fields` maps an API field name (or its first segment, so
 * `permissions.0` goes to `permissions`) to the id of the element that shows it; the rest go to `fallbackId`.
 */
function showFieldErrors(result, fields, fallbackId) {
  const leftover = [];
  for (const [field, messages] of Object.entries(result.data?.errors ?? {})) {
    const target = fields[field] ?? fields[field.split('.')[0]];
    const text = Array.isArray(messages) ? messages.join(' ') : String(messages);
    if (target) {
      const element = byId(target);
      element.textContent = element.textContent ? `${element.textContent} ${text}` : text;
      markInvalid(element.id, true);
    } else {
      leftover.push(text);
    }
  }

  byId(fallbackId).textContent = leftover.length > 0 ? leftover.join(' ') : (result.data?.errors ? '' : refusal(result));
}

/** Sets aria-invalid on the control an error element describes. */
function markInvalid(errorId, invalid) {
  const control = document.querySelector(`[aria-describedby~="${errorId}"]`);
  if (control) {
    if (invalid) {
      control.setAttribute('aria-invalid', 'true');
    } else {
      control.removeAttribute('aria-invalid');
    }
  }
}

function clearErrors(container) {
  for (const element of container.querySelectorAll('.field-error, .action-error')) {
    element.textContent = '';
    markInvalid(element.id, false);
  }
}

// ---- signing in and out ------------------------------------------------------------------------------------------

/** The permissions claim of the JWT, for offering only grantable permissions. The server still decides. */
function permissionsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), '=')));
    const permissions = claims.permissions ?? [];
    return Array.isArray(permissions) ? permissions.map(String) : [String(permissions)];
  } catch {
    return [];
  }
}

async function signIn(event) {
  event.preventDefault();
  const form = byId('sign-in-form');
  clearErrors(form);
  byId('session-note').textContent = '';
  const username = byId('username').value.trim();
  const password = byId('password').value;
  if (!username || !password) {
    if (!username) {
      byId('username-error').textContent = 'Enter your username.';
      markInvalid('username-error', true);
    }
    if (!password) {
      byId('password-error').textContent = 'Enter your password.';
      markInvalid('password-error', true);
    }
    (username ? byId('password') : byId('username')).focus();
    return;
  }

  byId('sign-in').disabled = true;
  const result = await call('POST', '/auth/login', { username, password });
  byId('sign-in').disabled = false;
  if (result.status === 200 && result.data?.token) {
    session = { token: result.data.token, username: result.data.username ?? username, permissions: permissionsOf(result.data.token) };
    byId('password').value = '';
    showKeys();
    return;
  }

  if (result.status === 401) {
    byId('sign-in-error').textContent = 'Wrong username or password.';
  } else if (result.status === 422) {
    showFieldErrors(result, { username: 'username-error', password: 'password-error' }, 'sign-in-error');
  } else if (result.status === 501) {
    byId('sign-in-error').textContent = 'Login is not configured on this host (501).';
  } else {
    byId('sign-in-error').textContent = refusal(result);
  }
}

async function signOut() {
  await call('POST', '/auth/logout');
  endSession('You are signed out.');
}

/** Forgets the JWT and every key shown, and goes back to the sign-in form. */
function endSession(message) {
  session = null;
  listed.clear();
  for (const dialog of document.querySelectorAll('dialog[open]')) {
    dialog.close();
  }
  byId('keys-body').replaceChildren();
  byId('account-name').textContent = '';
  byId('account').hidden = true;
  byId('keys-section').hidden = true;
  byId('sign-in-section').hidden = false;
  byId('session-note').textContent = message;
  byId('username').focus();
}

function showKeys() {
  byId('account-name').textContent = session.username;
  byId('account').hidden = false;
  byId('sign-in-section').hidden = true;
  byId('keys-section').hidden = false;
  byId('new-key').focus();
  refresh();
}

// ---- the table ---------------------------------------------------------------------------------------------------

/** RFC 3339 from the API (microseconds) as "2026-03-01 12:00 UTC", or a dash. */
function when(value) {
  if (!value) {
    return '—';
  }
  const date = new Date(String(value).replace(/(\.\d{3})\d*Z$/, '$1Z'));
  return Number.isNaN(date.getTime()) ? String(value) : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function cell(label, content, className) {
  const td = document.createElement('td');
  td.dataset.label = label;
  if (className) {
    td.className = className;
  }
  if (content instanceof Node) {
    td.append(content);
  } else {
    td.textContent = content;
  }
  return td;
}

function button(text, label, className, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.className = className;
  element.setAttribute('aria-label', label);
  element.addEventListener('click', onClick);
  return element;
}

function row(key) {
  const tr = document.createElement('tr');
  tr.dataset.uuid = key.uuid;

  const nameHeader = document.createElement('th');
  nameHeader.scope = 'row';
  nameHeader.dataset.label = 'Name';
  nameHeader.textContent = key.name;
  tr.append(nameHeader);

  tr.append(cell('Key', key.hint ? `${key.key_prefix}…${key.hint}` : `${key.key_prefix}…`, 'hint'));
  tr.append(cell('Permissions', key.permissions?.length ? key.permissions.join(', ') : 'none'));
  tr.append(cell('Created', when(key.created_at)));
  tr.append(cell('Expires', key.expires_at ? when(key.expires_at) : 'never'));
  tr.append(cell('Last used', key.last_used_at ? when(key.last_used_at) : 'never'));

  const status = document.createElement('span');
  status.textContent = key.is_active ? 'Active' : 'Inactive';
  status.className = key.is_active ? 'status-active' : 'status-inactive';
  tr.append(cell('Status', status));

  const actions = document.createElement('div');
  actions.className = 'row-actions';
  const error = document.createElement('p');
  error.className = 'row-error';
  error.setAttribute('role', 'alert');
  actions.append(
    button('Roll', `Roll ${key.name}`, 'small roll', () => openRoll(key.uuid)),
    key.is_active
      ? button('Deactivate', `Deactivate ${key.name}`, 'small secondary deactivate', () => setActive(key.uuid, false, error))
      : button('Activate', `Activate ${key.name}`, 'small secondary activate', () => setActive(key.uuid, true, error)),
    button('Delete', `Delete ${key.name}`, 'small danger delete', () => openDelete(key.uuid)),
    error);
  tr.append(cell('Actions', actions));
  return tr;
}

async function refresh() {
  const mine = ++listing;
  const section = byId('keys-section');
  section.setAttribute('aria-busy', 'true');
  byId('keys-error').textContent = '';
  const result = await call('GET', apiKeys);
  if (!session || mine !== listing) {
    return;
  }
  section.setAttribute('aria-busy', 'false');
  if (result.status !== 200) {
    byId('keys-error').textContent = refusal(result);
    return;
  }

  listed.clear();
  const keys = result.data?.api_keys ?? [];
  for (const key of keys) {
    listed.set(key.uuid, key);
  }
  byId('keys-body').replaceChildren(...keys.map(row));
  byId('no-keys').hidden = keys.length > 0;
  byId('keys-table').hidden = keys.length === 0;
}

/** After the table is drawn again, focus goes back to the same action of the same key, if it is still there. */
function refocus(uuid, actionClass) {
  const target = document.querySelector(`tr[data-uuid="${CSS.escape(uuid)}"] button.${actionClass}`);
  (target ?? byId('new-key')).focus();
}

async function setActive(uuid, active, error) {
  error.textContent = '';
  const result = await call('POST', `${apiKeys}/${encodeURIComponent(uuid)}/${active ? 'activate' : 'deactivate'}`);
  if (!session) {
    return;
  }
  if (result.status !== 200) {
    error.textContent = refusal(result);
    if (result.status === 404) {
      await refresh();
    }
    return;
  }
  await refresh();
  refocus(uuid, active ? 'deactivate' : 'activate');
}

// ---- create ------------------------------------------------------------------------------------------------------

function openCreate() {
  const form = byId('create-form');
  form.reset();
  clearErrors(form);
  const list = byId('create-permission-list');
  list.replaceChildren(...session.permissions.map((permission, index) => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'permissions';
    box.value = permission;
    box.id = `create-permission-${index}`;
    const text = document.createElement('span');
    text.textContent = permission;
    label.append(box, text);
    return label;
  }));
  if (session.permissions.length === 0) {
    const none = document.createElement('p');
    none.className = 'note';
    none.textContent = 'Your account holds no permissions to grant.';
    list.append(none);
  }
  byId('create-dialog').showModal();
  byId('create-name').focus();
}

async function create(event) {
  event.preventDefault();
  const form = byId('create-form');
  clearErrors(form);
  const body = {
    name: byId('create-name').value.trim(),
    permissions: [...form.querySelectorAll('input[name="permissions"]:checked')].map((box) => box.value),
  };
  const days = byId('create-expiry').value;
  if (days) {
    body.expires_at = new Date(Date.now() + Number(days) * 86_400_000).toISOString();
  }

  byId('create-submit').disabled = true;
  const result = await call('POST', apiKeys, body);
  byId('create-submit').disabled = false;
  if (!session) {
    return;
  }
  if (result.status === 201 && result.data?.plain_key) {
    byId('create-dialog').close();
    form.reset();
    focusUuidAfterDialog = result.data.api_key?.uuid ?? null;
    showSecret(result.data.plain_key, 'Your new key');
    await refresh();
    return;
  }

  if (result.status === 422) {
    showFieldErrors(result, { name: 'create-name-error', permissions: 'create-permissions-error', expires_at: 'create-expiry-error' }, 'create-error');
    const invalid = form.querySelector('[aria-invalid="true"]');
    (invalid ?? byId('create-submit')).focus();
  } else {
    byId('create-error').textContent = refusal(result);
  }
}

// ---- the secret, shown once --------------------------------------------------------------------------------------

function showSecret(plainKey, title) {
  byId('secret-title').textContent = title;
  byId('copy-status').textContent = '';
  byId('secret-value').value = plainKey;
  byId('secret-dialog').showModal();
  byId('secret-value').focus();
  byId('secret-value').select();
}

/** Takes the key out of the DOM (and so out of this module, which keeps no other copy). */
function wipeSecret() {
  const input = byId('secret-value');
  input.value = '';
  input.setSelectionRange(0, 0);
  byId('copy-status').textContent = '';
}

/**
 * Runs on every way the dialog closes. The button and Escape (its cancel event) wipe the key before the dialog
 * closes; this, on the close event that follows a moment later, is the catch-all, and puts focus back.
 */
function forgetSecret() {
  wipeSecret();
  const uuid = focusUuidAfterDialog;
  focusUuidAfterDialog = null;
  if (uuid) {
    refocus(uuid, 'roll');
  } else {
    byId('new-key').focus();
  }
}

async function copySecret() {
  const input = byId('secret-value');
  try {
    await navigator.clipboard.writeText(input.value);
    byId('copy-status').textContent = 'Copied to the clipboard.';
  } catch {
    input.focus();
    input.select();
    byId('copy-status').textContent = 'Copying was refused: the key is selected, press Ctrl+C (⌘C) to copy it.';
  }
}

// ---- roll --------------------------------------------------------------------------------------------------------

function openRoll(uuid) {
  selectedUuid = uuid;
  const form = byId('roll-form');
  form.reset();
  clearErrors(form);
  byId('roll-name').textContent = listed.get(uuid)?.name ?? 'key';
  byId('roll-dialog').showModal();
  byId('roll-grace').focus();
}

async function roll(event) {
  event.preventDefault();
  const uuid = selectedUuid;
  clearErrors(byId('roll-form'));
  byId('roll-submit').disabled = true;
  const result = await call('POST', `${apiKeys}/${encodeURIComponent(uuid)}/roll`, { grace_period_seconds: Number(byId('roll-grace').value) });
  byId('roll-submit').disabled = false;
  if (!session) {
    return;
  }
  if (result.status === 200 && result.data?.plain_key) {
    byId('roll-dialog').close();
    focusUuidAfterDialog = uuid;
    showSecret(result.data.plain_key, 'Your rolled key');
    await refresh();
    return;
  }

  if (result.status === 422) {
    showFieldErrors(result, { grace_period_seconds: 'roll-grace-error' }, 'roll-error');
  } else {
    byId('roll-error').textContent = refusal(result);
    if (result.status === 404 || result.status === 409) {
      await refresh();
    }
  }
}

// ---- delete ------------------------------------------------------------------------------------------------------

function openDelete(uuid) {
  selectedUuid = uuid;
  byId('delete-error').textContent = '';
  byId('delete-name').textContent = listed.get(uuid)?.name ?? 'this key';
  byId('delete-dialog').showModal();
  byId('delete-cancel').focus();
}

async function remove() {
  const uuid = selectedUuid;
  byId('delete-error').textContent = '';
  const result = await call('DELETE', `${apiKeys}/${encodeURIComponent(uuid)}`);
  if (!session) {
    return;
  }
  if (result.status === 204) {
    byId('delete-dialog').close();
    await refresh();
    byId('new-key').focus();
    return;
  }
  byId('delete-error').textContent = refusal(result);
  if (result.status === 404) {
    await refresh();
  }
}

// ---- wiring ------------------------------------------------------------------------------------------------------

byId('sign-in-form').addEventListener('submit', signIn);
byId('sign-out').addEventListener('click', signOut);
byId('new-key').addEventListener('click', openCreate);
byId('create-form').addEventListener('submit', create);
byId('create-cancel').addEventListener('click', () => byId('create-dialog').close());
byId('create-dialog').addEventListener('close', () => {
  if (!byId('secret-dialog').open) {
    byId('new-key').focus();
  }
});
byId('copy-secret').addEventListener('click', copySecret);
byId('close-secret').addEventListener('click', () => {
  wipeSecret();
  byId('secret-dialog').close();
});
byId('secret-dialog').addEventListener('cancel', wipeSecret);
byId('secret-dialog').addEventListener('close', forgetSecret);
byId('roll-form').addEventListener('submit', roll);
byId('roll-cancel').addEventListener('click', () => byId('roll-dialog').close());
byId('delete-cancel').addEventListener('click', () => byId('delete-dialog').close());
byId('delete-confirm').addEventListener('click', remove);
byId('username').focus();
