/*
 * Demo EHR for lbp-cds-hooks: builds CDS Hooks 2.0 requests from the fictional demo patients served by
 * GET demo/patients, shows the returned cards as an EHR would, and sends feedback on them.
 * No library, no build step, no network beyond this service. Text from the service or the patient data only ever
 * reaches the page as textContent, or through renderMarkdown, which escapes HTML first.
 */
'use strict';

const PREFETCH = {
  patient: 'Patient',
  conditions: 'Condition',
  observations: 'Observation',
  medicationRequests: 'MedicationRequest',
  serviceRequests: 'ServiceRequest',
  procedures: 'Procedure',
  allergyIntolerances: 'AllergyIntolerance',
};

const ATC = 'http://www.whocc.no/atc';
const ORDERS = {
  mri: { resourceType: 'ServiceRequest', system: 'http://loinc.org', code: '24968-0', display: 'MR Lumbar spine' },
  ct: { resourceType: 'ServiceRequest', system: 'http://loinc.org', code: '24963-1', display: 'CT Lumbar spine' },
  xray: { resourceType: 'ServiceRequest', system: 'http://loinc.org', code: '24970-6', display: 'XR Lumbar spine AP and Lateral' },
  physio: { resourceType: 'ServiceRequest', system: 'http://snomed.info/sct', code: '308447003', display: 'Refer to physiotherapist' },
  ibuprofen: { resourceType: 'MedicationRequest', system: ATC, code: 'M01AE01', display: 'ibuprofen' },
  naproxen: { resourceType: 'MedicationRequest', system: ATC, code: 'M01AE02', display: 'naproxen' },
  diclofenac: { resourceType: 'MedicationRequest', system: ATC, code: 'M01AB05', display: 'diclofenac' },
  paracetamol: { resourceType: 'MedicationRequest', system: ATC, code: 'N02BE01', display: 'paracetamol' },
  tramadol: { resourceType: 'MedicationRequest', system: ATC, code: 'N02AX02', display: 'tramadol' },
  oxycodone: { resourceType: 'MedicationRequest', system: ATC, code: 'N02AA05', display: 'oxycodone' },
};

const TEXT = {
  en: {
    title: 'Low back pain CDS Hooks — demo', language: 'Language',
    intro: 'An EHR stand-in with fictional patients only: pick a patient and a hook, and this page sends a real CDS Hooks request to this service and shows the cards it returns.',
    authNote: 'The page calls the service without a client JWT. Start the service with the demo profile, which switches authentication off:',
    authOn: 'Authentication is on in this service: hook calls from this page will be refused (401). Restart it with the demo profile.',
    service: (s, today) => `This service: ${place(s.jurisdiction, s.setting)}, cards in ${t.languages[s.locale] || s.locale} by default. Demo dates are moved so that the vignettes' today is ${today}.`,
    patient: 'Demo patient', hookHeading: 'Hook', draftOrders: 'Draft orders', add: 'Add order', remove: 'Remove',
    run: 'Send hook request', cards: 'Cards', exchange: 'CDS Hooks request and response', request: 'Request',
    response: 'Response', feedbackExchange: 'Last feedback',
    footer: 'Decision support for clinicians, not a diagnosis. Fictional patients from the project\'s test vignettes; dates are moved so that the vignette\'s "today" is today.',
    hookHelp: { 'patient-view': 'The chart is opened.', 'order-select': 'The clinician selects the draft orders below.', 'order-sign': 'The clinician signs all draft orders below.' },
    orderKinds: { mri: 'MRI lumbar spine', ct: 'CT lumbar spine', xray: 'X-ray lumbar spine', physio: 'Physiotherapy referral', ibuprofen: 'Medication: ibuprofen', naproxen: 'Medication: naproxen', diclofenac: 'Medication: diclofenac', paracetamol: 'Medication: paracetamol', tramadol: 'Medication: tramadol', oxycodone: 'Medication: oxycodone' },
    selected: 'selected', noOrders: 'No draft orders: add one.',
    writtenFor: 'Written for:', mismatch: (p, s) => `This service runs as ${place(s.jurisdiction, s.setting)}; the vignette's intended cards need ${place(p.jurisdiction, p.setting)} (start the service with --lbp.jurisdiction=${p.jurisdiction} --lbp.setting=${p.setting}).`,
    jurisdiction: { NL: 'the Netherlands (NHG, KNGF)', BE: 'Belgium (KCE)' }, setting: { primary: 'primary care', hospital: 'hospital' },
    female: 'woman', male: 'man', other: 'person', years: 'years', born: 'born',
    facts: { Condition: 'Conditions', Observation: 'Observations', MedicationRequest: 'Medication', ServiceRequest: 'Referrals and orders', Procedure: 'Procedures', AllergyIntolerance: 'Allergies' },
    today: 'today', daysAgo: (n) => (n === 1 ? '1 day ago' : `${n} days ago`), yearsAgo: (n) => `${n} years ago`, daysAhead: (n) => `in ${n} days`,
    yes: 'yes', no: 'no', others: 'all others', languages: { nl: 'Dutch', en: 'English', fr: 'French' },
    indicator: { info: 'Info', warning: 'Warning', critical: 'Critical' },
    source: 'Source', rule: 'rule', recommended: 'recommended', override: 'Override', sendOverride: 'Send override',
    noReason: '(no reason given)', reason: 'Override reason',
    sending: 'Sending…', noCards: 'No cards: nothing to advise for this patient and hook.',
    cardCount: (n) => (n === 1 ? '1 card' : `${n} cards`),
    accepted: (label) => `Accepted "${label}". Feedback stored by the service.`,
    overridden: 'Overridden. Feedback stored by the service.',
    wouldApply: 'The EHR would now apply:',
    failed: (status, message) => `The service answered ${status}: ${message}`,
    unauthorized: 'The service answered 401: authentication is on. Start it with the demo profile (see above).',
    network: 'The service could not be reached.',
    systemActions: 'Order ratings (systemActions)',
  },
  nl: {
    title: 'Lage rugpijn CDS Hooks — demo', language: 'Taal',
    intro: 'Een nagebootst EPD met alleen fictieve patiënten: kies een patiënt en een hook; deze pagina stuurt een echt CDS Hooks-verzoek naar deze service en toont de kaarten die terugkomen.',
    authNote: 'De pagina roept de service aan zonder client-JWT. Start de service met het demo-profiel, dat de authenticatie uitschakelt:',
    authOn: 'Authenticatie staat aan in deze service: hook-aanroepen van deze pagina worden geweigerd (401). Herstart met het demo-profiel.',
    service: (s, today) => `Deze service: ${place(s.jurisdiction, s.setting)}, kaarten standaard in het ${t.languages[s.locale] || s.locale}. Demodata zijn verschoven zodat "vandaag" van de vignetten ${today} is.`,
    patient: 'Demopatiënt', hookHeading: 'Hook', draftOrders: 'Conceptorders', add: 'Order toevoegen', remove: 'Verwijderen',
    run: 'Hook-verzoek versturen', cards: 'Kaarten', exchange: 'CDS Hooks-verzoek en -antwoord', request: 'Verzoek',
    response: 'Antwoord', feedbackExchange: 'Laatste feedback',
    footer: 'Beslisondersteuning voor zorgverleners, geen diagnose. Fictieve patiënten uit de testvignetten van het project; datums zijn verschoven zodat "vandaag" van het vignet vandaag is.',
    hookHelp: { 'patient-view': 'Het dossier wordt geopend.', 'order-select': 'De zorgverlener selecteert de conceptorders hieronder.', 'order-sign': 'De zorgverlener ondertekent alle conceptorders hieronder.' },
    orderKinds: { mri: 'MRI lumbale wervelkolom', ct: 'CT lumbale wervelkolom', xray: 'Röntgenfoto lumbale wervelkolom', physio: 'Verwijzing fysiotherapie', ibuprofen: 'Medicatie: ibuprofen', naproxen: 'Medicatie: naproxen', diclofenac: 'Medicatie: diclofenac', paracetamol: 'Medicatie: paracetamol', tramadol: 'Medicatie: tramadol', oxycodone: 'Medicatie: oxycodon' },
    selected: 'geselecteerd', noOrders: 'Geen conceptorders: voeg er een toe.',
    writtenFor: 'Geschreven voor:', mismatch: (p, s) => `Deze service draait als ${place(s.jurisdiction, s.setting)}; de bedoelde kaarten van dit vignet vragen ${place(p.jurisdiction, p.setting)} (start de service met --lbp.jurisdiction=${p.jurisdiction} --lbp.setting=${p.setting}).`,
    jurisdiction: { NL: 'Nederland (NHG, KNGF)', BE: 'België (KCE)' }, setting: { primary: 'eerste lijn', hospital: 'ziekenhuis' },
    female: 'vrouw', male: 'man', other: 'persoon', years: 'jaar', born: 'geboren',
    facts: { Condition: 'Aandoeningen', Observation: 'Observaties', MedicationRequest: 'Medicatie', ServiceRequest: 'Verwijzingen en orders', Procedure: 'Verrichtingen', AllergyIntolerance: 'Allergieën' },
    today: 'vandaag', daysAgo: (n) => (n === 1 ? '1 dag geleden' : `${n} dagen geleden`), yearsAgo: (n) => `${n} jaar geleden`, daysAhead: (n) => `over ${n} dagen`,
    yes: 'ja', no: 'nee', others: 'alle overige', languages: { nl: 'Nederlands', en: 'Engels', fr: 'Frans' },
    indicator: { info: 'Info', warning: 'Waarschuwing', critical: 'Kritiek' },
    source: 'Bron', rule: 'regel', recommended: 'aanbevolen', override: 'Negeren', sendOverride: 'Negeren versturen',
    noReason: '(geen reden opgegeven)', reason: 'Reden',
    sending: 'Bezig met versturen…', noCards: 'Geen kaarten: geen advies voor deze patiënt en hook.',
    cardCount: (n) => (n === 1 ? '1 kaart' : `${n} kaarten`),
    accepted: (label) => `"${label}" geaccepteerd. Feedback opgeslagen door de service.`,
    overridden: 'Genegeerd. Feedback opgeslagen door de service.',
    wouldApply: 'Het EPD zou nu uitvoeren:',
    failed: (status, message) => `De service antwoordde ${status}: ${message}`,
    unauthorized: 'De service antwoordde 401: authenticatie staat aan. Start met het demo-profiel (zie boven).',
    network: 'De service is niet bereikbaar.',
    systemActions: 'Beoordeling van orders (systemActions)',
  },
  fr: {
    title: 'Lombalgie CDS Hooks — démo', language: 'Langue',
    intro: 'Un DPI simulé avec uniquement des patients fictifs : choisissez un patient et un hook ; cette page envoie une vraie requête CDS Hooks à ce service et affiche les cartes renvoyées.',
    authNote: 'La page appelle le service sans JWT client. Démarrez le service avec le profil demo, qui désactive l\'authentification :',
    authOn: 'L\'authentification est active dans ce service : les appels de cette page seront refusés (401). Redémarrez-le avec le profil demo.',
    service: (s, today) => `Ce service : ${place(s.jurisdiction, s.setting)}, cartes en ${t.languages[s.locale] || s.locale} par défaut. Les dates de démo sont décalées pour que le « aujourd'hui » des vignettes soit le ${today}.`,
    patient: 'Patient de démo', hookHeading: 'Hook', draftOrders: 'Prescriptions en brouillon', add: 'Ajouter', remove: 'Retirer',
    run: 'Envoyer la requête', cards: 'Cartes', exchange: 'Requête et réponse CDS Hooks', request: 'Requête',
    response: 'Réponse', feedbackExchange: 'Dernier feedback',
    footer: 'Aide à la décision pour les cliniciens, pas un diagnostic. Patients fictifs issus des vignettes de test du projet ; les dates sont décalées pour que le « aujourd\'hui » de la vignette soit aujourd\'hui.',
    hookHelp: { 'patient-view': 'Le dossier est ouvert.', 'order-select': 'Le clinicien sélectionne les prescriptions ci-dessous.', 'order-sign': 'Le clinicien signe toutes les prescriptions ci-dessous.' },
    orderKinds: { mri: 'IRM rachis lombaire', ct: 'Scanner rachis lombaire', xray: 'Radiographie rachis lombaire', physio: 'Renvoi en kinésithérapie', ibuprofen: 'Médicament : ibuprofène', naproxen: 'Médicament : naproxène', diclofenac: 'Médicament : diclofénac', paracetamol: 'Médicament : paracétamol', tramadol: 'Médicament : tramadol', oxycodone: 'Médicament : oxycodone' },
    selected: 'sélectionnée', noOrders: 'Aucune prescription : ajoutez-en une.',
    writtenFor: 'Écrite pour :', mismatch: (p, s) => `Ce service tourne en ${place(s.jurisdiction, s.setting)} ; les cartes prévues de cette vignette demandent ${place(p.jurisdiction, p.setting)} (démarrez le service avec --lbp.jurisdiction=${p.jurisdiction} --lbp.setting=${p.setting}).`,
    jurisdiction: { NL: 'Pays-Bas (NHG, KNGF)', BE: 'Belgique (KCE)' }, setting: { primary: 'première ligne', hospital: 'hôpital' },
    female: 'femme', male: 'homme', other: 'personne', years: 'ans', born: 'né(e) le',
    facts: { Condition: 'Problèmes', Observation: 'Observations', MedicationRequest: 'Médicaments', ServiceRequest: 'Renvois et demandes', Procedure: 'Interventions', AllergyIntolerance: 'Allergies' },
    today: 'aujourd\'hui', daysAgo: (n) => (n === 1 ? 'il y a 1 jour' : `il y a ${n} jours`), yearsAgo: (n) => `il y a ${n} ans`, daysAhead: (n) => `dans ${n} jours`,
    yes: 'oui', no: 'non', others: 'tous les autres', languages: { nl: 'néerlandais', en: 'anglais', fr: 'français' },
    indicator: { info: 'Info', warning: 'Avertissement', critical: 'Critique' },
    source: 'Source', rule: 'règle', recommended: 'recommandé', override: 'Ignorer', sendOverride: 'Envoyer',
    noReason: '(sans raison)', reason: 'Raison',
    sending: 'Envoi…', noCards: 'Aucune carte : rien à conseiller pour ce patient et ce hook.',
    cardCount: (n) => (n === 1 ? '1 carte' : `${n} cartes`),
    accepted: (label) => `« ${label} » accepté. Feedback enregistré par le service.`,
    overridden: 'Ignoré. Feedback enregistré par le service.',
    wouldApply: 'Le DPI appliquerait maintenant :',
    failed: (status, message) => `Le service a répondu ${status} : ${message}`,
    unauthorized: 'Le service a répondu 401 : l\'authentification est active. Démarrez-le avec le profil demo (voir plus haut).',
    network: 'Le service est injoignable.',
    systemActions: 'Évaluation des prescriptions (systemActions)',
  },
};

const state = { demo: null, services: {}, patient: null, bundle: null, orders: [], nextOrder: 1, lastHook: null };
const $ = (id) => document.getElementById(id);
let t = TEXT.en;

function place(jurisdiction, setting) {
  return `${t.jurisdiction[jurisdiction] || jurisdiction}, ${t.setting[setting] || setting}`;
}

/** Creates an element; strings become text nodes, never HTML. */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
  });
  children.flat().forEach((child) => {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  });
  return node;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** A safe subset of markdown: paragraphs, "- " lists, **bold**, *italic*, `code` and http(s) links. HTML is escaped. */
function renderMarkdown(markdown) {
  const inline = (text) => escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>');
  return String(markdown || '').split(/\n\s*\n/).map((block) => {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    if (lines.length && lines.every((line) => /^\s*[-*] /.test(line))) {
      return `<ul>${lines.map((line) => `<li>${inline(line.replace(/^\s*[-*] /, ''))}</li>`).join('')}</ul>`;
    }
    return lines.length ? `<p>${lines.map(inline).join('<br>')}</p>` : '';
  }).join('');
}

function uuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16)); // works without a secure context, unlike randomUUID
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

// ---- patient facts --------------------------------------------------------------------------------------------

const days = (date) => Math.round((Date.parse(state.demo.today) - Date.parse(String(date).slice(0, 10))) / 86400000);
const when = (date) => {
  if (!date) return '';
  const n = days(date);
  const relative = n === 0 ? t.today : n >= 730 ? t.yearsAgo(Math.floor(n / 365.25)) : n > 0 ? t.daysAgo(n) : t.daysAhead(-n);
  return `${String(date).slice(0, 10)} (${relative})`;
};
const display = (concept) => {
  const coding = (concept && concept.coding) || [];
  return (concept && concept.text) || coding.map((c) => c.display || c.code).find(Boolean) || '';
};
const codes = (concept) => ((concept && concept.coding) || []).map((c) => c.code).join(', ');
const statusOf = (concept) => ((concept && concept.coding) || []).map((c) => c.code).join(', ');

function value(resource) {
  if (resource.valueInteger !== undefined) return String(resource.valueInteger);
  if (resource.valueBoolean !== undefined) return resource.valueBoolean ? t.yes : t.no;
  if (resource.valueQuantity) return `${resource.valueQuantity.value} ${resource.valueQuantity.unit || ''}`.trim();
  if (resource.valueCodeableConcept) return display(resource.valueCodeableConcept);
  if (resource.valueString) return resource.valueString;
  return '';
}

/** Observation value, with components (e.g. ten MRC grades) reduced to those that differ from the usual one. */
function observationValue(observation) {
  const components = observation.component || [];
  if (!components.length) return value(observation);
  const counts = {};
  components.map(value).forEach((v) => { counts[v] = (counts[v] || 0) + 1; });
  const usual = Object.keys(counts).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  const parts = components.filter((c) => value(c) !== usual)
    .map((c) => `${(c.code.coding || []).slice(1).map((x) => x.display || x.code).join(' ')}: ${value(c)}`);
  return parts.length ? `${parts.join('; ')}; ${t.others}: ${usual}` : `${t.others}: ${usual}`;
}

const FACT_ROWS = {
  Condition: (r) => [display(r.code), codes(r.code),
    [statusOf(r.clinicalStatus), statusOf(r.verificationStatus)].filter((s) => s && s !== 'confirmed').join(' / '),
    when(r.onsetDateTime || r.recordedDate) + (r.abatementDateTime ? ` → ${when(r.abatementDateTime)}` : '')],
  Observation: (r) => [display(r.code), observationValue(r), r.status === 'final' ? '' : r.status,
    when(r.effectiveDateTime || (r.effectivePeriod && r.effectivePeriod.start))],
  MedicationRequest: (r) => [display(r.medicationCodeableConcept), codes(r.medicationCodeableConcept), r.status, when(r.authoredOn)],
  ServiceRequest: (r) => [display(r.code), r.priority || '', r.status, when(r.authoredOn)],
  Procedure: (r) => [display(r.code), '', r.status, when(r.performedDateTime || (r.performedPeriod && r.performedPeriod.start))],
  AllergyIntolerance: (r) => [display(r.code), r.criticality || '', statusOf(r.clinicalStatus), when(r.recordedDate)],
};

function renderFacts() {
  const facts = $('facts');
  facts.replaceChildren();
  const p = state.patient;
  if (!p || !state.bundle) return;
  const resources = state.bundle.entry.map((e) => e.resource);
  const patient = resources.find((r) => r.resourceType === 'Patient');
  const [by, bm, bd] = patient.birthDate.split('-').map(Number);
  const [ty, tm, td] = state.demo.today.split('-').map(Number);
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  const service = state.demo.service;
  facts.append(
    el('p', { class: 'demographics' }, el('strong', {}, `${t[patient.gender] || t.other}, ${age} ${t.years}`),
      ` (${t.born} ${patient.birthDate}) · ${patient.id}`),
    el('p', { class: 'story', lang: 'en' }, el('strong', {}, `${p.vignette} — ${p.title}. `), p.story),
    el('p', { class: 'muted' }, `${t.writtenFor} ${place(p.jurisdiction, p.setting)}.`));
  if (p.jurisdiction !== service.jurisdiction || p.setting !== service.setting) {
    facts.append(el('p', { class: 'warning', id: 'config-mismatch' }, t.mismatch(p, service)));
  }
  Object.entries(FACT_ROWS).forEach(([type, row]) => {
    let items = resources.filter((r) => r.resourceType === type);
    if (!items.length) return;
    if (type === 'Observation') items = items.sort((a, b) => (days(a.effectiveDateTime) || 0) - (days(b.effectiveDateTime) || 0));
    facts.append(el('h3', {}, t.facts[type]), el('table', { class: 'facts', 'data-type': type },
      el('tbody', {}, items.map((r) => {
        const cells = row(r);
        const struck = r.status === 'entered-in-error' || /entered-in-error|refuted/.test(statusOf(r.verificationStatus));
        return el('tr', { class: struck ? 'struck' : '' }, cells.map((cell) => el('td', {}, cell)));
      }))));
  });
}

// ---- draft orders ---------------------------------------------------------------------------------------------

function resetOrders() {
  const p = state.patient;
  state.orders = (p.draftOrders || []).map((resource) => ({
    resource, selected: (p.selections || []).includes(`${resource.resourceType}/${resource.id}`) || !(p.selections || []).length,
  }));
}

function addOrder(kind) {
  const order = ORDERS[kind];
  const id = `demo-${kind}-${state.nextOrder++}`;
  const code = { coding: [{ system: order.system, code: order.code, display: order.display }] };
  const resource = { resourceType: order.resourceType, id, status: 'draft', intent: 'order' };
  if (order.resourceType === 'ServiceRequest') resource.code = code;
  else resource.medicationCodeableConcept = code;
  resource.subject = { reference: `Patient/${state.patient.id}` };
  resource.authoredOn = state.demo.today;
  state.orders.push({ resource, selected: true });
  renderOrders();
}

function renderOrders() {
  const hook = $('hook').value;
  $('hook-help').textContent = t.hookHelp[hook];
  $('orders-block').hidden = hook === 'patient-view';
  const list = $('orders');
  list.replaceChildren();
  if (!state.orders.length) list.append(el('li', { class: 'muted' }, t.noOrders));
  state.orders.forEach((order, index) => {
    const r = order.resource;
    list.append(el('li', {},
      el('label', {}, el('input', {
        type: 'checkbox', checked: order.selected, disabled: hook === 'order-sign',
        onchange: (e) => { order.selected = e.target.checked; },
      }), ` ${display(r.code || r.medicationCodeableConcept)} `, el('span', { class: 'muted' }, `${r.resourceType}/${r.id}`)),
      ' ', el('button', { type: 'button', class: 'link', onclick: () => { state.orders.splice(index, 1); renderOrders(); } }, t.remove)));
  });
}

// ---- hook call ------------------------------------------------------------------------------------------------

function buildRequest(hook) {
  const resources = state.bundle.entry.map((e) => e.resource);
  const prefetch = {};
  Object.entries(PREFETCH).forEach(([key, type]) => {
    const matching = resources.filter((r) => r.resourceType === type);
    prefetch[key] = type === 'Patient' ? matching[0]
      : { resourceType: 'Bundle', type: 'searchset', total: matching.length, entry: matching.map((resource) => ({ resource })) };
  });
  const context = { userId: 'Practitioner/demo-clinician', patientId: state.patient.id };
  if (hook !== 'patient-view') {
    context.draftOrders = { resourceType: 'Bundle', type: 'collection', entry: state.orders.map((o) => ({ resource: o.resource })) };
    if (hook === 'order-select') {
      context.selections = state.orders.filter((o) => o.selected).map((o) => `${o.resource.resourceType}/${o.resource.id}`);
    }
  }
  return { hook, hookInstance: uuid(), context, prefetch };
}

async function errorText(response) {
  if (response.status === 401) return t.unauthorized;
  try {
    const body = await response.json();
    return t.failed(response.status, body.message || '');
  } catch (e) {
    return t.failed(response.status, response.statusText);
  }
}

async function runHook() {
  const hook = $('hook').value;
  const service = state.services[hook];
  const request = buildRequest(hook);
  $('cards').replaceChildren();
  $('system-actions').replaceChildren();
  $('status').textContent = t.sending;
  $('request-json').textContent = JSON.stringify(request, null, 2);
  $('response-json').textContent = '';
  state.lastHook = hook;
  let response;
  try {
    response = await fetch(`cds-services/${encodeURIComponent(service)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': $('language').value },
      body: JSON.stringify(request),
    });
  } catch (e) {
    $('status').textContent = t.network;
    return;
  }
  if (!response.ok) {
    $('status').textContent = await errorText(response);
    return;
  }
  const body = await response.json();
  $('response-json').textContent = JSON.stringify(body, null, 2);
  $('status').textContent = body.cards.length ? t.cardCount(body.cards.length) : t.noCards;
  body.cards.forEach((card) => $('cards').append(renderCard(card, service)));
  renderSystemActions(body.systemActions || []);
}

function renderSystemActions(actions) {
  if (!actions.length) return;
  $('system-actions').append(el('h3', {}, t.systemActions),
    el('ul', {}, actions.map((action) => el('li', {}, action.description || `${action.type} ${action.resource && action.resource.id}`))));
}

// ---- cards and feedback ---------------------------------------------------------------------------------------

function renderCard(card, service) {
  const indicator = ['info', 'warning', 'critical'].includes(card.indicator) ? card.indicator : 'info';
  const topic = (card.source && card.source.topic) || {};
  const status = el('p', { class: 'feedback-status', role: 'status' });
  const detail = el('div', { class: 'card-detail' });
  detail.innerHTML = renderMarkdown(card.detail); // escaped by renderMarkdown
  const sourceLabel = card.source && card.source.url && /^https?:\/\//.test(card.source.url)
    ? el('a', { href: card.source.url, target: '_blank', rel: 'noopener noreferrer' }, card.source.label)
    : el('span', {}, (card.source && card.source.label) || '');
  const buttons = [];
  const finish = () => buttons.forEach((b) => { b.disabled = true; });

  const suggestions = (card.suggestions || []).map((suggestion) => {
    const button = el('button', {
      type: 'button', class: `suggestion${suggestion.isRecommended ? ' recommended' : ''}`, 'data-uuid': suggestion.uuid,
      onclick: async () => {
        finish();
        const ok = await sendFeedback(service, status, {
          card: card.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: suggestion.uuid }],
          outcomeTimestamp: new Date().toISOString(),
        });
        if (ok) {
          status.replaceChildren(t.accepted(suggestion.label), el('br'), t.wouldApply,
            el('ul', {}, (suggestion.actions || []).map((a) => el('li', {}, `${a.type}: ${a.description || describe(a)}`))));
          status.className = 'feedback-status ok';
        }
      },
    }, suggestion.label, suggestion.isRecommended ? el('span', { class: 'tag' }, t.recommended) : null);
    buttons.push(button);
    return button;
  });

  const reasons = card.overrideReasons || [];
  const reasonSelect = el('select', { class: 'override-reason', 'aria-label': t.reason },
    el('option', { value: '' }, t.noReason),
    reasons.map((reason, index) => el('option', { value: String(index) }, reason.display || reason.code)));
  const sendOverride = el('button', {
    type: 'button', class: 'send-override',
    onclick: async () => {
      finish();
      const reason = reasons[Number(reasonSelect.value)];
      const entry = { card: card.uuid, outcome: 'overridden', outcomeTimestamp: new Date().toISOString() };
      if (reasonSelect.value !== '' && reason) entry.overrideReason = { reason: { system: reason.system, code: reason.code, display: reason.display } };
      if (await sendFeedback(service, status, entry)) {
        status.textContent = t.overridden;
        status.className = 'feedback-status ok';
      }
    },
  }, t.sendOverride);
  const overrideBox = el('span', { class: 'override-box', hidden: true }, reasonSelect, sendOverride);
  const override = el('button', {
    type: 'button', class: 'override', onclick: () => { overrideBox.hidden = false; override.disabled = true; },
  }, t.override);
  buttons.push(override, sendOverride, reasonSelect);

  return el('article', {
    class: `card card-${indicator}`, 'data-indicator': indicator, 'data-rule': topic.code || '', 'data-uuid': card.uuid,
  },
    el('header', {}, el('span', { class: 'badge' }, t.indicator[indicator]), el('h3', { class: 'card-summary' }, card.summary)),
    detail,
    el('p', { class: 'card-source' }, `${t.source}: `, sourceLabel,
      topic.code ? [' · ', `${t.rule} `, el('code', {}, topic.code), topic.display ? ` (${topic.display})` : ''] : null),
    (card.links || []).filter((l) => /^https?:\/\//.test(l.url)).map((l) =>
      el('p', {}, el('a', { href: l.url, target: '_blank', rel: 'noopener noreferrer' }, l.label))),
    el('div', { class: 'card-actions' }, suggestions, override, overrideBox),
    status);
}

function describe(action) {
  const r = action.resource || {};
  return [r.resourceType, display(r.code || r.medicationCodeableConcept), r.priority].filter(Boolean).join(' ')
    || action.resourceId || '';
}

async function sendFeedback(service, status, entry) {
  const message = { feedback: [entry] };
  $('feedback-json').textContent = JSON.stringify(message, null, 2);
  status.textContent = t.sending;
  try {
    const response = await fetch(`cds-services/${encodeURIComponent(service)}/feedback`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(message),
    });
    if (response.ok) return true;
    status.textContent = await errorText(response);
  } catch (e) {
    status.textContent = t.network;
  }
  status.className = 'feedback-status failed';
  return false;
}

// ---- page -----------------------------------------------------------------------------------------------------

function translate() {
  t = TEXT[$('language').value] || TEXT.en;
  document.documentElement.lang = $('language').value;
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t[node.dataset.i18n]; });
  document.title = t.title;
  $('order-kind').replaceChildren(...Object.keys(ORDERS).map((kind) => el('option', { value: kind }, t.orderKinds[kind])));
  if (state.demo) $('service-line').textContent = t.service(state.demo.service, state.demo.today);
  renderFacts();
  if (state.patient) renderOrders();
}

async function selectPatient(id) {
  state.patient = state.demo.patients.find((p) => p.id === id);
  state.bundle = await getJson(`demo/patients/${encodeURIComponent(id)}`);
  $('hook').value = state.patient.hook;
  resetOrders();
  renderFacts();
  renderOrders();
  $('cards').replaceChildren();
  $('system-actions').replaceChildren();
  $('status').textContent = '';
}

async function start() {
  const browser = (navigator.language || 'en').slice(0, 2);
  $('language').value = TEXT[browser] ? browser : 'en';
  translate();
  const [demo, discovery] = await Promise.all([getJson('demo/patients'), getJson('cds-services')]);
  state.demo = demo;
  discovery.services.forEach((s) => { state.services[s.hook] = s.id; });
  $('auth-warning').hidden = !demo.service.authentication;
  $('patient').replaceChildren(...demo.patients.map((p) => el('option', { value: p.id }, `${p.vignette} — ${p.title}`)));
  translate();
  $('patient').addEventListener('change', (e) => selectPatient(e.target.value));
  $('hook').addEventListener('change', renderOrders);
  $('language').addEventListener('change', () => { translate(); if (state.lastHook && $('cards').children.length) runHook(); });
  $('add-order').addEventListener('click', () => addOrder($('order-kind').value));
  $('run').addEventListener('click', runHook);
  await selectPatient(demo.patients[0].id);
  document.body.dataset.ready = 'true';
}

start().catch((e) => { $('status').textContent = `${t.network} (${e.message})`; });
