// Saves every mark of a score sheet as soon as it is typed, so nothing is lost on a slow or broken
// connection: changes wait in a queue, are sent one request at a time onto the version the page
// knows, and are retried until the server has them. The page says what happened in words.
(function () {
  "use strict";
  var form = document.getElementById("sheet");
  if (!form) return;
  var status = document.getElementById("save-status");
  var version = form.querySelector("input[name=version]");
  var pending = {};      // field name → element, changed and not yet saved
  var sending = false;
  var retryDelay = 1000;

  function say(text, kind) {
    status.textContent = text;
    status.className = "save-status" + (kind ? " " + kind : "");
  }

  function flush() {
    var names = Object.keys(pending);
    if (sending || names.length === 0) return Promise.resolve();
    var body = { marks: {}, comments: {}, version: parseInt(version.value, 10) || 0 };
    var sent = {};
    names.forEach(function (name) {
      var field = pending[name];
      sent[name] = field.value;
      body[field.dataset.kind === "mark" ? "marks" : "comments"][field.dataset.criterion] = field.value;
    });
    sending = true;
    say("Сохраняю…", "saving");
    return fetch(form.dataset.api, {
      method: "PUT", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": form.dataset.csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (answer) {
      sending = false;
      names.forEach(function (name) { if (pending[name] && pending[name].value === sent[name]) delete pending[name]; });
      if (answer.status === 200) {
        version.value = answer.data.version;
        retryDelay = 1000;
        say("Сохранено в " + new Date().toLocaleTimeString("ru-RU"), "saved");
        return flush();
      }
      if (answer.status === 409 && answer.data.sheet) {
        version.value = answer.data.sheet.version;
        show(answer.data.sheet);
        say("Лист изменён в другой вкладке или на другом устройстве: показаны текущие оценки. Проверьте их.", "problem");
        return;
      }
      say((answer.data.error && answer.data.error.message) || "Не сохранено", "problem");
    }).catch(function () {
      sending = false;
      say("Нет связи: оценка пока не сохранена, повторяю…", "problem");
      setTimeout(flush, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    });
  }

  function show(sheet) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-criterion]"), function (field) {
      var values = field.dataset.kind === "mark" ? sheet.marks : sheet.comments;
      field.value = values[field.dataset.criterion] || "";
    });
  }

  form.addEventListener("change", function (event) {
    var field = event.target;
    if (!field.dataset || !field.dataset.criterion) return;
    pending[field.name] = field;
    flush();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    Array.prototype.forEach.call(form.querySelectorAll("[data-criterion]"), function (field) { pending[field.name] = field; });
    flush();
  });
  var submitForm = document.getElementById("submit-sheet");
  if (submitForm) {
    submitForm.addEventListener("submit", function (event) {
      if (Object.keys(pending).length === 0 && !sending) return;
      event.preventDefault();
      flush().then(function () { if (Object.keys(pending).length === 0) submitForm.submit(); });
    });
  }
  window.addEventListener("beforeunload", function (event) {
    if (Object.keys(pending).length > 0 || sending) { event.preventDefault(); event.returnValue = ""; }
  });
})();
