// Progressive enhancement only: every page reads and works without this file.
(function () {
  'use strict';
  var B83 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';

  function d83(s) { var v = 0; for (var i = 0; i < s.length; i++) v = v * 83 + B83.indexOf(s[i]); return v; }
  function toLinear(v) { var x = v / 255; return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }
  function toSrgb(v) { var x = Math.max(0, Math.min(1, v)); return Math.round((x <= 0.0031308 ? x * 12.92 : 1.055 * Math.pow(x, 1 / 2.4) - 0.055) * 255); }
  function signPow(v, e) { return (v < 0 ? -1 : 1) * Math.pow(Math.abs(v), e); }

  // BlurHash (https://blurha.sh) decoded to a 32x32 PNG used as the tile's background until the image arrives.
  function blurhash(hash, w, h) {
    var size = d83(hash[0]), ny = Math.floor(size / 9) + 1, nx = (size % 9) + 1;
    if (hash.length !== 4 + 2 * nx * ny) return null;
    var max = (d83(hash[1]) + 1) / 166, colors = [], dc = d83(hash.substring(2, 6));
    colors.push([toLinear(dc >> 16), toLinear((dc >> 8) & 255), toLinear(dc & 255)]);
    for (var c = 1; c < nx * ny; c++) {
      var v = d83(hash.substring(4 + c * 2, 6 + c * 2));
      colors.push([signPow((Math.floor(v / 361) - 9) / 9, 2) * max, signPow((Math.floor(v / 19) % 19 - 9) / 9, 2) * max, signPow((v % 19 - 9) / 9, 2) * max]);
    }
    var canvas = document.createElement('canvas'); canvas.width = w; canvas.height = h;
    var ctx = canvas.getContext('2d'); if (!ctx) return null;
    var img = ctx.createImageData(w, h), p = img.data;
    for (var y = 0; y < h; y++) for (var x = 0; x < w; x++) {
      var r = 0, g = 0, b = 0;
      for (var j = 0; j < ny; j++) for (var i = 0; i < nx; i++) {
        var basis = Math.cos(Math.PI * x * i / w) * Math.cos(Math.PI * y * j / h), col = colors[i + j * nx];
        r += col[0] * basis; g += col[1] * basis; b += col[2] * basis;
      }
      var o = 4 * (x + y * w); p[o] = toSrgb(r); p[o + 1] = toSrgb(g); p[o + 2] = toSrgb(b); p[o + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return canvas.toDataURL();
  }

  function placeholders(root) {
    var tiles = root.querySelectorAll('[data-blurhash]');
    for (var k = 0; k < tiles.length; k++) {
      var el = tiles[k], im = el.querySelector('img'), hash = el.getAttribute('data-blurhash');
      el.removeAttribute('data-blurhash');
      if (im && im.complete && im.naturalWidth > 0) continue;
      try { var url = blurhash(hash, 32, 32); if (url) el.style.backgroundImage = 'url(' + url + ')'; } catch (e) { /* keep the colour */ }
      el.style.backgroundSize = 'cover';
    }
  }

  // "More" links load the next page in place; on any failure the browser just follows the link.
  function more(link) {
    var list = link.closest('[data-list]');
    var items = list && list.querySelector('[data-items]');
    if (!items) return false;
    var label = link.textContent;
    link.setAttribute('aria-busy', 'true');
    link.textContent = 'Loading…';
    fetch(link.getAttribute('href'), { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var source = doc.querySelector('[data-list="' + list.getAttribute('data-list') + '"]');
        var incoming = source && source.querySelector('[data-items]');
        if (!incoming) throw new Error('no list');
        var first = null;
        while (incoming.firstElementChild) {
          var node = document.adoptNode(incoming.firstElementChild);
          items.appendChild(node);
          first = first || node;
        }
        placeholders(items);
        var next = source.querySelector('[data-more]');
        if (next) {
          link.setAttribute('href', next.getAttribute('href'));
          link.textContent = label;
          link.removeAttribute('aria-busy');
        } else {
          link.parentNode.removeChild(link);
        }
        var focusable = first && first.querySelector('a');
        if (focusable) focusable.focus({ preventScroll: true });
      })
      .catch(function () { window.location.href = link.href; });
    return true;
  }

  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a[data-more]');
    if (!link || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (link.getAttribute('aria-busy')) { e.preventDefault(); return; }
    if (more(link)) e.preventDefault();
  });

  // Browsers without :has() still unblur a revealed sensitive post.
  document.addEventListener('toggle', function (e) {
    var d = e.target;
    if (d.classList && d.classList.contains('cw')) d.parentNode.classList.toggle('revealed', d.open);
  }, true);

  placeholders(document);
})();
