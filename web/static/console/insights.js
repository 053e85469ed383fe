/* The insights page's weekly trend charts (Chart.js, served from /static/vendor/).
 * The numbers come from the page's JSON block; suppressed weeks are null, drawn as gaps.
 * The table under the charts holds the same numbers for anyone who cannot see them. */
(function () {
  "use strict";
  var source = document.getElementById("insights-data");
  if (!source || typeof window.Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var common = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    spanGaps: false,
    plugins: { legend: { position: "bottom" } }
  };
  new window.Chart(document.getElementById("chart-conversations"), {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: "Conversations", data: data.conversations, backgroundColor: "#1d4f91" }]
    },
    options: Object.assign({}, common, {
      scales: { y: { beginAtZero: true, title: { display: true, text: "Conversations" } } }
    })
  });
  new window.Chart(document.getElementById("chart-rates"), {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Resolved without staff (%)", data: data.resolved, borderColor: "#00703c", backgroundColor: "#00703c" },
        { label: "Handed over (%)", data: data.handover, borderColor: "#1d4f91", backgroundColor: "#1d4f91", borderDash: [6, 3] },
        { label: "Not understood (%)", data: data.fallback, borderColor: "#b35900", backgroundColor: "#b35900", borderDash: [2, 2] }
      ]
    },
    options: Object.assign({}, common, {
      scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: "% of conversations" } } }
    })
  });
})();
