// window.clawvatar: the ClawVatar browser SDK (seeds/clawvatar.txt, version 3.0.0) for this server. Every method
// returns a Promise. Calls go to this page's own origin (the pages' CSP allows no other), answers are the API's
// JSON as sent ({"success": true, ...}); an error answer rejects with an Error carrying the API's .code and .status.
(function () {
  'use strict';
  var VERSION = '3.0.0';

  // ---- HTTP ----------------------------------------------------------------------------------------------------

  function failure(message, code, status, hint) {
    var error = new Error(message);
    error.code = code;
    error.status = status;
    if (hint) error.hint = hint;
    return error;
  }

  // Local checks reject like the API does, with status 0: nothing was sent.
  function invalid(code, message) { return Promise.reject(failure(message, code, 0)); }

  function call(method, path, body) {
    var init = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body instanceof FormData) {
      init.body = body; // the browser writes the multipart boundary itself
    } else if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(new URL(path, window.location.href).toString(), init)
      .catch(function (e) { throw failure('The server could not be reached: ' + e.message, 'network_error', 0); })
      .then(function (response) {
        return response.text().then(function (text) {
          var answer = null;
          try { answer = text ? JSON.parse(text) : null; } catch (e) { answer = null; }
          if (response.ok && answer && answer.success !== false) return answer;
          if (answer && typeof answer.error === 'string') {
            throw failure(answer.error, answer.code || 'http_' + response.status, response.status, answer.hint);
          }
          throw failure('The server answered HTTP ' + response.status + '.', 'http_' + response.status, response.status);
        });
      });
  }

  function post(path, fields) {
    var body = {};
    Object.keys(fields).forEach(function (k) { if (fields[k] !== undefined) body[k] = fields[k]; });
    return call('POST', path, body);
  }

  function opts(options) { return options && typeof options === 'object' ? options : {}; }

  function tagList(tags) {
    if (tags === undefined || tags === null) return undefined;
    return Array.isArray(tags) ? tags.map(String) : String(tags).split(',').map(function (t) { return t.trim(); }).filter(Boolean);
  }

  function bool(value) {
    if (value === undefined || value === null) return undefined;
    return value === true || value === 'true';
  }

  // ---- The tool catalog ----------------------------------------------------------------------------------------

  var TOOLS = [
    { name: 'Client generator', url: '/avatars', category: 'client-side', pricing: 'free', programmatic: true,
      description: 'window.clawvatar.generateClientAvatar: a deterministic SVG made in this browser, no outside service.',
      styles: ['bottts-neutral', 'identicon', 'shapes'] },
    { name: 'DiceBear', url: 'https://www.dicebear.com', category: 'illustration', pricing: 'free', programmatic: true,
      description: '30+ deterministic styles by seed, as an HTTP API or a CLI.',
      example: 'https://api.dicebear.com/9.x/bottts-neutral/svg?seed=OpenClaw' },
    { name: 'RoboHash', url: 'https://robohash.org', category: 'robots', pricing: 'free', programmatic: true,
      description: 'Robots, monsters and cats from any text.', example: 'https://robohash.org/OpenClaw?set=set1&size=256x256' },
    { name: 'UI Avatars', url: 'https://ui-avatars.com', category: 'initials', pricing: 'free', programmatic: true,
      description: 'Initials on a coloured background.', example: 'https://ui-avatars.com/api/?name=Open+Claw&size=256&background=random' },
    { name: 'Multiavatar', url: 'https://multiavatar.com', category: 'illustration', pricing: 'free', programmatic: true,
      description: 'Multicultural illustrated avatars from a string, as SVG.', example: 'npx multiavatar OpenClaw > avatar.svg' }
  ];

  function getTools(options) {
    var o = opts(options);
    var tools = TOOLS.filter(function (t) {
      return (o.category === undefined || t.category === o.category) &&
        (o.pricing === undefined || t.pricing === o.pricing) &&
        (o.programmatic === undefined || t.programmatic === bool(o.programmatic));
    }).map(function (t) {
      var copy = JSON.parse(JSON.stringify(t));
      copy.url = new URL(t.url, window.location.href).toString(); // the client generator lives on this page
      return copy;
    });
    return Promise.resolve({ success: true, tools: tools, total: tools.length });
  }

  // ---- The client generator ------------------------------------------------------------------------------------

  // FNV-1a over the UTF-8 bytes: the seed of the picture's choices.
  function fnv32(text) {
    var bytes = new TextEncoder().encode(text), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  // FNV-1a 64 of the SVG's bytes, as the seed's 16-hex-digit pHash: the same picture always has the same value.
  function hash64(text) {
    var bytes = new TextEncoder().encode(text), h = BigInt('0xcbf29ce484222325'), prime = BigInt('0x100000001b3'),
      mask = BigInt('0xffffffffffffffff');
    for (var i = 0; i < bytes.length; i++) { h = ((h ^ BigInt(bytes[i])) * prime) & mask; }
    return h.toString(16).padStart(16, '0');
  }

  // mulberry32: a small deterministic generator, so one seed gives one picture in every browser.
  function random(seed) {
    var a = seed;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  var PALETTE = ['#ffb300', '#f4511e', '#e53935', '#d81b60', '#8e24aa', '#5e35b1', '#3949ab', '#1e88e5', '#039be5',
    '#00acc1', '#00897b', '#43a047', '#7cb342', '#c0ca33', '#6d4c41', '#546e7a'];

  function n(v) { return (Math.round(v * 100) / 100).toString(); }

  var STYLES = {
    // A robot face on a coloured square, in the spirit of DiceBear's bottts-neutral: eyes and a mouth, no body.
    'bottts-neutral': function (r, pick) {
      var bg = pick(PALETTE), parts = ['<rect width="100" height="100" fill="' + bg + '"/>'];
      var eyes = Math.floor(r() * 4), mouth = Math.floor(r() * 4), y = 38 + r() * 8, gap = 16 + r() * 8;
      if (eyes === 0) parts.push('<circle cx="' + n(50 - gap) + '" cy="' + n(y) + '" r="9" fill="#fff"/><circle cx="' + n(50 + gap) + '" cy="' + n(y) + '" r="9" fill="#fff"/><circle cx="' + n(50 - gap) + '" cy="' + n(y) + '" r="4" fill="#1a1a1a"/><circle cx="' + n(50 + gap) + '" cy="' + n(y) + '" r="4" fill="#1a1a1a"/>');
      else if (eyes === 1) parts.push('<rect x="' + n(50 - gap - 10) + '" y="' + n(y - 6) + '" width="' + n(2 * gap + 20) + '" height="12" rx="6" fill="#1a1a1a"/><rect x="' + n(50 - gap - 4) + '" y="' + n(y - 2) + '" width="8" height="4" rx="2" fill="#7fffd4"/><rect x="' + n(50 + gap - 4) + '" y="' + n(y - 2) + '" width="8" height="4" rx="2" fill="#7fffd4"/>');
      else if (eyes === 2) parts.push('<rect x="' + n(50 - gap - 7) + '" y="' + n(y - 7) + '" width="14" height="14" rx="3" fill="#fff"/><rect x="' + n(50 + gap - 7) + '" y="' + n(y - 7) + '" width="14" height="14" rx="3" fill="#fff"/><rect x="' + n(50 - gap - 3) + '" y="' + n(y - 3) + '" width="6" height="6" fill="#1a1a1a"/><rect x="' + n(50 + gap - 3) + '" y="' + n(y - 3) + '" width="6" height="6" fill="#1a1a1a"/>');
      else parts.push('<circle cx="50" cy="' + n(y) + '" r="13" fill="#fff"/><circle cx="50" cy="' + n(y) + '" r="6" fill="#1a1a1a"/>');
      var my = 70 + r() * 6;
      if (mouth === 0) parts.push('<rect x="34" y="' + n(my - 3) + '" width="32" height="6" rx="3" fill="#1a1a1a"/>');
      else if (mouth === 1) parts.push('<path d="M32 ' + n(my - 4) + ' Q50 ' + n(my + 10) + ' 68 ' + n(my - 4) + '" stroke="#1a1a1a" stroke-width="5" fill="none" stroke-linecap="round"/>');
      else if (mouth === 2) parts.push('<rect x="32" y="' + n(my - 6) + '" width="36" height="12" rx="2" fill="#fff"/><path d="M41 ' + n(my - 6) + 'v12M50 ' + n(my - 6) + 'v12M59 ' + n(my - 6) + 'v12" stroke="#1a1a1a" stroke-width="2"/>');
      else parts.push('<circle cx="50" cy="' + n(my) + '" r="6" fill="#1a1a1a"/>');
      return parts.join('');
    },
    // A mirrored 5 x 5 grid, like GitHub's identicons.
    identicon: function (r, pick) {
      var fg = pick(PALETTE), parts = ['<rect width="100" height="100" fill="#f0f0f0"/>'];
      for (var row = 0; row < 5; row++) {
        for (var col = 0; col < 3; col++) {
          if (r() < 0.5) continue;
          var cols = col === 2 ? [2] : [col, 4 - col];
          for (var k = 0; k < cols.length; k++) parts.push('<rect x="' + (10 + cols[k] * 16) + '" y="' + (10 + row * 16) + '" width="16" height="16" fill="' + fg + '"/>');
        }
      }
      return parts.join('');
    },
    // Three overlapping shapes on a coloured square.
    shapes: function (r, pick) {
      var parts = ['<rect width="100" height="100" fill="' + pick(PALETTE) + '"/>'];
      for (var i = 0; i < 3; i++) {
        var x = 15 + r() * 70, y = 15 + r() * 70, s = 18 + r() * 30, angle = Math.floor(r() * 360), fill = pick(PALETTE), kind = Math.floor(r() * 3);
        var shape = kind === 0 ? '<circle cx="' + n(x) + '" cy="' + n(y) + '" r="' + n(s / 2) + '"'
          : kind === 1 ? '<rect x="' + n(x - s / 2) + '" y="' + n(y - s / 2) + '" width="' + n(s) + '" height="' + n(s) + '"'
            : '<path d="M' + n(x) + ' ' + n(y - s / 2) + 'L' + n(x + s / 2) + ' ' + n(y + s / 2) + 'L' + n(x - s / 2) + ' ' + n(y + s / 2) + 'Z"';
        parts.push(shape + ' fill="' + fill + '" fill-opacity="0.85" transform="rotate(' + angle + ' ' + n(x) + ' ' + n(y) + ')"/>');
      }
      return parts.join('');
    }
  };

  function generateClientAvatar(options) {
    var o = opts(options), style = o.style === undefined ? 'bottts-neutral' : String(o.style);
    if (!Object.prototype.hasOwnProperty.call(STYLES, style)) {
      return invalid('invalid_style', 'style must be one of: ' + Object.keys(STYLES).join(', ') + '.');
    }
    if (o.seed === undefined || o.seed === null) return invalid('invalid_seed', 'seed is required: the same seed gives the same avatar.');
    var size = o.size === undefined ? 256 : Math.round(Number(o.size));
    if (!(size >= 16 && size <= 1024)) return invalid('invalid_size', 'size is 16 to 1024 pixels.');
    var r = random(fnv32(style + '\u0000' + String(o.seed)));
    var pick = function (list) { return list[Math.floor(r() * list.length)]; };
    var svg = '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' + size + '" viewBox="0 0 100 100">' +
      STYLES[style](r, pick) + '</svg>';
    var bytes = new TextEncoder().encode(svg), binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return Promise.resolve({ dataUri: 'data:image/svg+xml;base64,' + btoa(binary), pHash: hash64(svg), svg: svg, style: style, size: size });
  }

  // ---- The API -------------------------------------------------------------------------------------------------

  // A data URI decoded here, not by fetch(): the pages' CSP (connect-src 'self') refuses data: URLs.
  function dataUriToBlob(uri) {
    var match = /^data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,(.*)$/s.exec(uri);
    if (!match) return null;
    var bytes;
    try {
      if (match[3]) {
        var binary = atob(match[4]);
        bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      } else {
        bytes = new TextEncoder().encode(decodeURIComponent(match[4]));
      }
    } catch (e) {
      return null;
    }
    return new Blob([bytes], { type: match[1] || 'application/octet-stream' });
  }

  var EXTENSIONS = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif', 'image/svg+xml': 'svg' };

  function uploadAvatar(options) {
    var o = opts(options), image = o.file || o.blob || o.image;
    if (!image && typeof o.imageDataUri === 'string') image = dataUriToBlob(o.imageDataUri);
    if (!(image instanceof Blob)) return invalid('image_required', 'Pass imageDataUri (a data: URI) or file (a File or Blob).');
    var form = new FormData();
    form.append('image', image, image.name || 'avatar.' + (EXTENSIONS[image.type] || 'png'));
    ['pseudonym', 'ownerType', 'agentName', 'generationTool', 'bio'].forEach(function (k) {
      if (o[k] !== undefined && o[k] !== null) form.append(k, String(o[k]));
    });
    if (o.isPublic !== undefined) form.append('isPublic', bool(o.isPublic) ? 'true' : 'false');
    var tags = tagList(o.tags);
    if (tags) form.append('tags', tags.join(','));
    return call('POST', '/api/v1/avatars', form);
  }

  function getGallery(options) {
    var o = opts(options), query = new URLSearchParams();
    ['ownerType', 'search', 'tag', 'page', 'limit'].forEach(function (k) {
      if (o[k] !== undefined && o[k] !== null && o[k] !== '') query.set(k, String(o[k]));
    });
    var q = query.toString();
    return call('GET', '/api/v1/avatars' + (q ? '?' + q : ''));
  }

  function updateAvatar(options) {
    var o = opts(options);
    return post('/api/avatar/update', { managementKey: o.managementKey, pseudonym: o.pseudonym, isPublic: bool(o.isPublic), tags: tagList(o.tags), bio: o.bio });
  }

  function deleteAvatar(options) {
    var o = opts(options);
    return post('/api/avatar/delete', { managementKey: o.managementKey, checksum: o.checksum });
  }

  function checkPseudonym(options) {
    var o = typeof options === 'string' ? { pseudonym: options } : opts(options);
    return post('/api/avatar/check-pseudonym', { pseudonym: o.pseudonym });
  }

  function verifyHuman(options) {
    var o = opts(options);
    return post('/api/verify/send-code', { pseudonym: o.pseudonym, managementKey: o.managementKey, phone: o.phone });
  }

  function confirmVerification(options) {
    var o = opts(options);
    return post('/api/verify/confirm-code', { pseudonym: o.pseudonym, managementKey: o.managementKey, phone: o.phone, code: o.code });
  }

  function recoverKey(options) {
    var o = opts(options);
    return post('/api/recover/send-code', { pseudonym: o.pseudonym, phone: o.phone });
  }

  function confirmRecovery(options) {
    var o = opts(options);
    return post('/api/recover/confirm-code', { pseudonym: o.pseudonym, phone: o.phone, code: o.code });
  }

  // A method that throws synchronously (a bad argument) still answers with a rejected Promise.
  function guarded(method) {
    return function (options) {
      try { return method(options); } catch (e) { return Promise.reject(e); }
    };
  }

  window.clawvatar = Object.freeze({
    version: VERSION,
    getTools: guarded(getTools),
    getGallery: guarded(getGallery),
    generateClientAvatar: guarded(generateClientAvatar),
    uploadAvatar: guarded(uploadAvatar),
    updateAvatar: guarded(updateAvatar),
    deleteAvatar: guarded(deleteAvatar),
    checkPseudonym: guarded(checkPseudonym),
    verifyHuman: guarded(verifyHuman),
    confirmVerification: guarded(confirmVerification),
    recoverKey: guarded(recoverKey),
    confirmRecovery: guarded(confirmRecovery)
  });
})();
