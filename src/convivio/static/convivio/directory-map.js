// Directory: "use my location" (fills the hidden-by-default lat/lon fields only when
// the person allows it) and the Leaflet map of services.  Without JavaScript or
// tiles the list under the map still works.
(function () {
  "use strict";

  function setupGeolocation() {
    var button = document.querySelector("[data-geolocate]");
    var lat = document.querySelector("[data-geo-lat]");
    var lon = document.querySelector("[data-geo-lon]");
    var status = document.querySelector("[data-geo-status]");
    var place = document.getElementById("directory-place");
    if (place && lat && lon) {
      // A typed place replaces "near me": searching both would rarely overlap.
      place.addEventListener("change", function () {
        if (!place.value.trim()) return;
        lat.value = "";
        lon.value = "";
      });
    }
    if (!button || !lat || !lon || !("geolocation" in navigator)) return;
    button.hidden = false;
    var hint = document.querySelector("[data-geo-nojs]");
    if (hint) hint.remove();
    button.addEventListener("click", function () {
      if (status) status.textContent = button.dataset.busy || "…";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          lat.value = position.coords.latitude.toFixed(5);
          lon.value = position.coords.longitude.toFixed(5);
          var sort = document.getElementById("directory-sort");
          if (sort) sort.value = "distance";
          // "Near me" replaces a typed place, and the other way round.
          if (place) place.value = "";
          if (status) status.textContent = "";
          button.form.submit();
        },
        function (error) {
          // Refused (code 1) or not found: say which, and what to do instead.
          var text = error && error.code === 1 ? button.dataset.denied : button.dataset.unavailable;
          if (status) status.textContent = text || "—";
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 }
      );
    });
  }

  // The filters start folded so that a phone shows results first; a wide screen
  // has room for both, so they open there (not above a map: it is the result).
  function setupFilters() {
    var details = document.querySelector("[data-directory-filters]");
    if (!details || document.getElementById("directory-map")) return;
    if (window.matchMedia("(min-width: 64rem)").matches) details.open = true;
  }

  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function setupMap() {
    var element = document.getElementById("directory-map");
    if (!element || typeof window.L === "undefined") return;
    var L = window.L;
    var status = document.querySelector("[data-map-status]");
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tiles, {
      attribution: element.dataset.attribution,
      maxZoom: 19,
    }).addTo(map);
    var layer = L.layerGroup().addTo(map);
    var base = element.dataset.geojson;
    var fitted = false;

    function load() {
      var bounds = map.getBounds();
      var bbox = [
        Math.max(-180, bounds.getWest()).toFixed(5),
        Math.max(-90, bounds.getSouth()).toFixed(5),
        Math.min(180, bounds.getEast()).toFixed(5),
        Math.min(90, bounds.getNorth()).toFixed(5),
      ].join(",");
      var url = base + (base.indexOf("?") === -1 ? "?" : "&") + "bbox=" + bbox;
      fetch(url, { headers: { Accept: "application/geo+json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) { draw(data, false); })
        .catch(function () { if (status) status.textContent = ""; });
    }

    function draw(data, fit) {
      layer.clearLayers();
      var points = [];
      (data.features || []).forEach(function (feature) {
        var c = feature.geometry.coordinates;
        var html = "<strong>" + escapeText(feature.properties.name || feature.properties.address) + "</strong>";
        if (feature.properties.address) html += "<br>" + escapeText(feature.properties.address);
        html += "<ul>";
        feature.properties.services.forEach(function (service) {
          // The service's name may be in another language than the page's.
          var lang = service.language && service.language !== document.documentElement.lang
            ? ' lang="' + escapeText(service.language) + '"' : "";
          html += '<li><a href="' + encodeURI(service.url) + '"' + lang + ">" + escapeText(service.name) + "</a></li>";
        });
        html += "</ul>";
        L.marker([c[1], c[0]]).bindPopup(html).addTo(layer);
        points.push([c[1], c[0]]);
      });
      if (status) status.textContent = data.message || "";
      if (fit && points.length) {
        map.fitBounds(points, { maxZoom: 16, padding: [20, 20] });
      }
    }

    // First view: around the person's point, else around every matching place.
    if (element.dataset.lat) {
      map.setView([parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)], 13);
      L.circleMarker([parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)], { radius: 6 }).addTo(map);
      fitted = true;
      load();
    } else {
      fetch(base, { headers: { Accept: "application/geo+json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (!data.features || !data.features.length) {
            map.setView([0, 0], 2);
          }
          draw(data, true);
          fitted = true;
        })
        .catch(function () { map.setView([0, 0], 2); });
    }
    map.on("moveend", function () { if (fitted) load(); });
  }

  function start() {
    setupFilters();
    setupGeolocation();
    setupMap();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
