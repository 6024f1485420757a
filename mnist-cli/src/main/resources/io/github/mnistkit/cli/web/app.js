// The mnist-kit demo page: draw (Pointer Events: mouse, touch and pen alike) or upload, then ask
// POST api/read-number and show the number, each digit's box, the 28x28 input and ten probabilities,
// and the pieces of ink the model refused as not digits.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const pad = $('pad');
  const boxes = $('boxes');
  const answer = $('answer');
  const answeredBy = $('answered-by');
  const error = $('error');
  const digits = $('digits');
  const refused = $('refused');
  const pen = $('pen');
  const ink = pad.getContext('2d');
  const overlay = boxes.getContext('2d');
  const RECOGNISE_DELAY_MS = 250;

  let threshold = 0; // the recognizer's own, from api/model
  let strokes = 0; // strokes and uploads since the last clear; each answer says which one it is for
  let stroke = null; // the stroke being drawn: pointer id and last point
  let photo = null; // when a photo is shown: how its pixels map onto the canvas
  let timer = 0;
  let latestRequest = 0;

  function clearAll() {
    clearTimeout(timer);
    latestRequest++;
    ink.fillStyle = '#fff';
    ink.fillRect(0, 0, pad.width, pad.height);
    overlay.clearRect(0, 0, boxes.width, boxes.height);
    strokes = 0;
    photo = null;
    stroke = null;
    show('idle', 'Draw something');
    answer.dataset.strokes = '0';
    answer.dataset.text = '';
    answer.dataset.refused = '0';
    delete answer.dataset.pending;
    answeredBy.textContent = '';
    error.hidden = true;
    digits.replaceChildren();
    refused.replaceChildren();
  }

  function point(event) {
    const rect = pad.getBoundingClientRect();
    return {
      x: (event.clientX - rect.left) * pad.width / rect.width,
      y: (event.clientY - rect.top) * pad.height / rect.height,
    };
  }

  function dot(p) {
    ink.fillStyle = '#000';
    ink.beginPath();
    ink.arc(p.x, p.y, pen.value / 2, 0, 2 * Math.PI);
    ink.fill();
  }

  function line(from, to) {
    ink.strokeStyle = '#000';
    ink.lineWidth = pen.value;
    ink.lineCap = 'round';
    ink.lineJoin = 'round';
    ink.beginPath();
    ink.moveTo(from.x, from.y);
    ink.lineTo(to.x, to.y);
    ink.stroke();
  }

  pad.addEventListener('pointerdown', (event) => {
    if (event.pointerType === 'mouse' && event.button !== 0) {
      return;
    }
    event.preventDefault();
    if (photo) {
      clearAll(); // drawing over a photo starts a new drawing
    }
    clearTimeout(timer);
    pad.setPointerCapture(event.pointerId);
    const p = point(event);
    stroke = { id: event.pointerId, last: p };
    dot(p);
  });

  pad.addEventListener('pointermove', (event) => {
    if (!stroke || event.pointerId !== stroke.id) {
      return;
    }
    event.preventDefault();
    const coalesced = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    for (const e of coalesced.length ? coalesced : [event]) {
      const p = point(e);
      line(stroke.last, p);
      stroke.last = p;
    }
  });

  function endStroke(event) {
    if (!stroke || event.pointerId !== stroke.id) {
      return;
    }
    stroke = null;
    strokes++;
    clearTimeout(timer);
    const stamp = strokes;
    timer = setTimeout(() => pad.toBlob((blob) => send(blob, 'image/png', stamp, null), 'image/png'),
      RECOGNISE_DELAY_MS);
  }
  pad.addEventListener('pointerup', endStroke);
  pad.addEventListener('pointercancel', endStroke);

  $('clear').addEventListener('click', clearAll);

  $('upload').addEventListener('change', (event) => {
    const file = event.target.files[0];
    event.target.value = '';
    if (!file) {
      return;
    }
    clearAll();
    strokes = 1;
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => {
      const scale = Math.min(pad.width / image.naturalWidth, pad.height / image.naturalHeight);
      photo = {
        scale,
        dx: (pad.width - image.naturalWidth * scale) / 2,
        dy: (pad.height - image.naturalHeight * scale) / 2,
      };
      ink.drawImage(image, photo.dx, photo.dy, image.naturalWidth * scale, image.naturalHeight * scale);
      URL.revokeObjectURL(url);
      send(file, file.type || 'application/octet-stream', 1, photo);
    };
    image.onerror = () => { // the browser cannot show it (e.g. TIFF); the server may still read it
      URL.revokeObjectURL(url);
      photo = { scale: 0, dx: 0, dy: 0 };
      send(file, file.type || 'application/octet-stream', 1, null);
    };
    image.src = url;
  });

  async function send(body, type, stamp, mapping) {
    const request = ++latestRequest;
    answer.dataset.pending = 'true';
    try {
      const response = await fetch('api/read-number', {
        method: 'POST', headers: { 'Content-Type': type }, body,
      });
      const json = await response.json();
      if (request !== latestRequest) {
        return; // a newer drawing is on its way
      }
      if (!response.ok) {
        fail(json.message || ('The server answered ' + response.status), stamp);
        return;
      }
      render(json, mapping || { scale: 1, dx: 0, dy: 0 }, stamp);
    } catch (e) {
      if (request === latestRequest) {
        fail('The server did not answer: ' + e.message, stamp);
      }
    } finally {
      if (request === latestRequest) {
        delete answer.dataset.pending;
      }
    }
  }

  function show(status, text, note) {
    answer.className = 'answer ' + ({ 'not a digit': 'none', 'not sure': 'unsure', idle: 'idle' }[status] || '');
    answer.dataset.status = status;
    answer.textContent = text;
    if (note) {
      const span = document.createElement('span');
      span.className = 'note';
      span.textContent = note;
      answer.append(span);
    }
  }

  function fail(message, stamp) {
    error.textContent = message;
    error.hidden = false;
    show('error', '?');
    answer.dataset.strokes = String(stamp);
  }

  function render(json, mapping, stamp) {
    error.hidden = true;
    const pieces = json.refused.length;
    const notDigits = pieces === 1 ? '1 piece not a digit' : pieces + ' pieces not digits';
    if (json.status === 'not a digit') {
      show(json.status, 'not a digit', pieces ? notDigits : 'no ink');
    } else if (json.status === 'not sure') {
      const notes = [];
      if (json.digits.some((d) => d.status !== 'digit')) {
        notes.push('below ' + percent(threshold) + ' confidence');
      }
      if (pieces) {
        notes.push(notDigits + ', left out');
      }
      show(json.status, json.text, 'not sure: ' + notes.join('; '));
    } else {
      show(json.status, json.text);
    }
    answer.dataset.text = json.text;
    answer.dataset.refused = String(pieces);
    answer.dataset.strokes = String(stamp);
    answeredBy.textContent = json.digits.length || pieces ? 'answered by ' + json.model : '';
    drawBoxes(json.digits.concat(json.refused), mapping);
    digits.replaceChildren(...json.digits.map(card));
    refused.replaceChildren(...json.refused.map(card));
  }

  function drawBoxes(list, mapping) {
    overlay.clearRect(0, 0, boxes.width, boxes.height);
    if (!mapping.scale) {
      return;
    }
    overlay.lineWidth = 2;
    overlay.font = 'bold 18px system-ui, sans-serif';
    for (const d of list) {
      if (!d.box) {
        continue;
      }
      const x = d.box.x * mapping.scale + mapping.dx;
      const y = d.box.y * mapping.scale + mapping.dy;
      const w = d.box.width * mapping.scale;
      const h = d.box.height * mapping.scale;
      const color = { digit: '#3182ce', 'not sure': '#dd6b20' }[d.status] || '#718096';
      overlay.strokeStyle = color;
      overlay.fillStyle = color;
      overlay.strokeRect(x - 4, y - 4, w + 8, h + 8);
      overlay.fillText(label(d), x - 4, Math.max(16, y - 8));
    }
  }

  function label(d) {
    return d.digit == null ? '\u00d7' : String(d.digit) + (d.status === 'digit' ? '' : '?');
  }

  function card(d) {
    const element = document.createElement('div');
    element.className = d.digit == null ? 'card refused' : 'card';
    const head = document.createElement('header');
    const image = document.createElement('img');
    image.src = d.input;
    image.alt = '28x28 input the model saw';
    image.title = 'the 28x28 image the model saw';
    const guess = document.createElement('div');
    const big = document.createElement('div');
    big.className = 'guess';
    big.textContent = d.digit == null ? 'not a digit' : String(d.digit);
    const conf = document.createElement('div');
    conf.className = 'conf';
    conf.textContent = d.digit == null
      ? percent(d.notADigitProbability) + ' not a digit'
      : percent(d.confidence) + (d.status === 'digit' ? '' : ' - not sure');
    guess.append(big, conf);
    head.append(image, guess);
    const bars = document.createElement('div');
    bars.className = 'bars';
    d.probabilities.forEach((p, digit) => {
      const label = document.createElement('span');
      label.textContent = String(digit);
      const track = document.createElement('div');
      const bar = document.createElement('div');
      bar.className = 'bar' + (digit === d.digit ? ' top' : '');
      bar.style.width = Math.max(1, Math.round(p * 100)) + '%';
      track.append(bar);
      const value = document.createElement('span');
      value.textContent = percent(p);
      bars.append(label, track, value);
    });
    element.append(head, bars);
    return element;
  }

  function percent(p) {
    return (100 * p).toFixed(p >= 0.995 || p < 0.005 ? 0 : 1) + '%';
  }

  async function loadModel() {
    const footer = $('model');
    try {
      const response = await fetch('api/model');
      const m = await response.json();
      threshold = m.confidenceThreshold;
      const accuracy = m.testAccuracy == null ? '' : ', test accuracy ' + (100 * m.testAccuracy).toFixed(2) + '%';
      footer.textContent = 'Model: ' + m.architecture + ' trained on ' + m.dataset + accuracy + ' - '
        + m.source + ' - version ' + m.version + ' - ' + m.device
        + (threshold > 0 ? ' - "not sure" below ' + percent(threshold) : '')
        + (m.canRefuse ? ' - refuses ink that is not a digit' : '');
      footer.dataset.sha256 = m.sha256 || '';
    } catch (e) {
      footer.textContent = 'Could not load the model information: ' + e.message;
    }
  }

  clearAll();
  loadModel();
})();
