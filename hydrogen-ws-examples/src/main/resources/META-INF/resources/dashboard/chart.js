// A small line chart of one heater's actual and target temperature over a sliding time window,
// drawn on a canvas. No library: the dashboard must work offline and under a strict CSP.

const COLORS = { actual: '#e4572e', target: '#4c6ef5', grid: '#d9dde3', text: '#5c6570' };

export class TemperatureChart {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {number} windowMs how much history the chart shows
   */
  constructor(canvas, windowMs) {
    this.canvas = canvas;
    this.windowMs = windowMs;
    /** @type {Array<{t: number, actual: number | null, target: number | null}>} oldest first */
    this.samples = [];
    this.pending = false;
  }

  /** Adds a reading and redraws on the next frame. */
  add(t, actual, target) {
    this.samples.push({ t, actual: numberOrNull(actual), target: numberOrNull(target) });
    const oldest = t - this.windowMs;
    while (this.samples.length > 2 && this.samples[1].t < oldest) {
      this.samples.shift(); // keep one sample before the window, so the line starts at its left edge
    }
    this.canvas.dataset.samples = String(this.samples.length);
    if (!this.pending) {
      this.pending = true;
      requestAnimationFrame(() => {
        this.pending = false;
        this.draw();
      });
    }
  }

  draw() {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    if (this.samples.length === 0) {
      return;
    }
    const pad = { left: 36, right: 8, top: 8, bottom: 18 };
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    const now = this.samples[this.samples.length - 1].t;
    // Until the window has filled, the chart spans what it has (at least 10 s), so a fresh page shows a curve.
    const span = Math.max(10_000, Math.min(this.windowMs, now - this.samples[0].t));
    const start = now - span;
    const [min, max] = this.range();
    const x = (t) => pad.left + ((t - start) / span) * plotW;
    const y = (v) => pad.top + (1 - (v - min) / (max - min)) * plotH;

    g.font = '11px system-ui, sans-serif';
    g.lineWidth = 1;
    g.strokeStyle = COLORS.grid;
    g.fillStyle = COLORS.text;
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    const step = niceStep((max - min) / 4);
    for (let v = Math.ceil(min / step) * step; v <= max; v += step) {
      g.beginPath();
      g.moveTo(pad.left, y(v));
      g.lineTo(width - pad.right, y(v));
      g.stroke();
      g.fillText(String(Math.round(v)), pad.left - 4, y(v));
    }
    g.textAlign = 'left';
    g.textBaseline = 'alphabetic';
    g.fillText(span >= 60_000 ? `−${Math.round(span / 60_000)} min` : `−${Math.round(span / 1000)} s`, pad.left, height - 4);
    g.textAlign = 'right';
    g.fillText('now', width - pad.right, height - 4);

    g.save();
    g.beginPath();
    g.rect(pad.left, pad.top, plotW, plotH);
    g.clip();
    this.line(g, 'target', x, y, [6, 4]);
    this.line(g, 'actual', x, y, []);
    g.restore();
  }

  line(g, key, x, y, dash) {
    g.strokeStyle = COLORS[key];
    g.lineWidth = 2;
    g.setLineDash(dash);
    g.beginPath();
    let drawing = false;
    for (const sample of this.samples) {
      const value = sample[key];
      if (value === null) {
        drawing = false; // a missing reading breaks the line rather than inventing a value
        continue;
      }
      if (drawing) {
        g.lineTo(x(sample.t), y(value));
      } else {
        g.moveTo(x(sample.t), y(value));
        drawing = true;
      }
    }
    g.stroke();
    g.setLineDash([]);
  }

  /** @returns {[number, number]} the value range shown: every sample, at least 0 to 50 °C */
  range() {
    let min = 0;
    let max = 50;
    for (const s of this.samples) {
      for (const v of [s.actual, s.target]) {
        if (v !== null) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    return [min, max + (max - min) * 0.05];
  }
}

function numberOrNull(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function niceStep(raw) {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) {
    if (raw <= m * power) {
      return m * power;
    }
  }
  return 10 * power;
}
