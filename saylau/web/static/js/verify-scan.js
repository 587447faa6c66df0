/* The public verification page: read the protocol's QR with the phone camera.
   BarcodeDetector where the browser has it, otherwise jsQR (vendored, no CDN), loaded only
   when the camera is opened. The decoded text is put in the form and sent; nothing leaves
   the phone but that text. */
(function () {
  "use strict";
  var button = document.getElementById("scan");
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  var field = document.getElementById("qr");
  var form = document.getElementById("qr-form");
  if (!button || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  button.hidden = false;
  var jsqrUrl = document.currentScript && document.currentScript.src.replace(/js\/verify-scan\.js.*$/, "vendor/jsQR.js");
  var stream = null;
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var detector = null;
  if ("BarcodeDetector" in window) {
    try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { detector = null; }
  }

  function loadJsQR(done) {
    if (window.jsQR) { done(); return; }
    var s = document.createElement("script");
    s.src = jsqrUrl;
    s.onload = done;
    s.onerror = function () { status.textContent = button.dataset.failed || "QR decoder unavailable"; };
    document.head.appendChild(s);
  }

  function stop() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    stream = null;
    video.hidden = true;
  }

  function found(text) {
    stop();
    field.value = text;
    form.submit();
  }

  function tick() {
    if (!stream) return;
    if (video.readyState >= 2) {
      if (detector) {
        detector.detect(video).then(function (codes) {
          if (codes.length) { found(codes[0].rawValue); } else { requestAnimationFrame(tick); }
        }).catch(function () { detector = null; loadJsQR(function () { requestAnimationFrame(tick); }); });
        return;
      }
      if (window.jsQR) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        var image = context.getImageData(0, 0, canvas.width, canvas.height);
        var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
        if (code && code.data) { found(code.data); return; }
      }
    }
    requestAnimationFrame(tick);
  }

  button.addEventListener("click", function () {
    var start = function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        video.play();
        requestAnimationFrame(tick);
      }).catch(function () {
        status.textContent = button.dataset.denied || "";
      });
    };
    if (detector) { start(); } else { loadJsQR(start); }
  });
})();
