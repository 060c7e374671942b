import type { ErpoRecord, ErpoStatus, Petitioner } from '#domain/erpo';
import type { SourceKind } from '#domain/erpo-sources';
import type { SiteLocale } from './ui.ts';

/** Words for the red-flag law pages, in both languages. */
export const PETITIONER_LABELS: Record<Petitioner, { en: string; es: string }> = {
  law_enforcement: { en: 'Police or sheriff', es: 'La policía o el alguacil' },
  prosecutor: { en: 'A prosecutor (district attorney)', es: 'Un fiscal' },
  family: { en: 'Family members', es: 'Familiares' },
  household: { en: 'People who live with the person', es: 'Personas que viven con la persona' },
  intimate_partner: { en: 'A current or former partner', es: 'Una pareja o expareja' },
  medical_professional: { en: 'Doctors and other medical professionals', es: 'Médicos y otros profesionales médicos' },
  mental_health_professional: { en: 'Mental health professionals', es: 'Profesionales de salud mental' },
  school: { en: 'School staff', es: 'Personal de la escuela' },
  employer: { en: 'Employers', es: 'Empleadores' },
  coworker: { en: 'Coworkers', es: 'Compañeros de trabajo' },
  other: { en: 'Others (see the note below)', es: 'Otras personas (vea la nota más abajo)' },
};

/** The kind of each source, in words; pages list sources in SOURCE_KINDS order (primary first). */
export const SOURCE_KIND_LABELS: Record<SourceKind, { en: string; es: string }> = {
  statute: { en: 'Law (statute)', es: 'Ley (estatuto)' },
  court: { en: 'Court', es: 'Corte' },
  agency: { en: 'Government agency', es: 'Agencia del gobierno' },
  research: { en: 'Research or legal aid', es: 'Investigación o ayuda legal' },
  news: { en: 'News report', es: 'Noticia' },
  advocacy: { en: 'Advocacy group', es: 'Grupo de activismo' },
};

export const STATUS_LABELS: Record<ErpoStatus, { en: string; es: string }> = {
  in_force: { en: 'Has a red-flag law', es: 'Tiene una ley de bandera roja' },
  none: { en: 'No red-flag law', es: 'No tiene ley de bandera roja' },
  prohibited: { en: 'Has a law against red-flag orders', es: 'Tiene una ley contra las órdenes de bandera roja' },
};

export const STATUS_GROUP_HEADINGS: Record<ErpoStatus, { en: string; es: string }> = {
  in_force: { en: 'States with a red-flag law', es: 'Estados con una ley de bandera roja' },
  none: { en: 'States without a red-flag law', es: 'Estados sin ley de bandera roja' },
  prohibited: { en: 'States with a law against red-flag orders', es: 'Estados con una ley contra las órdenes de bandera roja' },
};

const FIELD_LABELS: Record<string, { en: string; es: string }> = {
  state: { en: 'state', es: 'estado' },
  name: { en: 'name', es: 'nombre' },
  status: { en: 'whether a law is in force', es: 'si hay una ley vigente' },
  lawName: { en: 'name of the law', es: 'nombre de la ley' },
  enacted: { en: 'year enacted', es: 'año de aprobación' },
  effective: { en: 'date it took effect', es: 'fecha en que entró en vigor' },
  citation: { en: 'legal citation', es: 'cita legal' },
  petitioners: { en: 'who can ask', es: 'quién puede pedirla' },
  petitionersNote: { en: 'who can ask', es: 'quién puede pedirla' },
  requesters: { en: 'who can ask for an investigation', es: 'quién puede pedir una investigación' },
  requestersNote: { en: 'who can ask for an investigation', es: 'quién puede pedir una investigación' },
  emergencyOrderMaxDays: { en: 'how long an emergency order lasts', es: 'cuánto dura una orden de emergencia' },
  emergencyOrderEnds: { en: 'how an emergency order ends', es: 'cómo termina una orden de emergencia' },
  finalOrderMaxDays: { en: 'how long a final order lasts', es: 'cuánto dura una orden final' },
  durationNote: { en: 'how long orders last', es: 'cuánto duran las órdenes' },
  summary: { en: 'summary', es: 'resumen' },
  steps: { en: 'steps', es: 'pasos' },
  alternatives: { en: 'other options', es: 'otras opciones' },
  officialLinks: { en: 'official court pages and forms', es: 'páginas oficiales y formularios de la corte' },
  sources: { en: 'sources', es: 'fuentes' },
  lastReviewed: { en: 'review date', es: 'fecha de revisión' },
};

export function unverifiedLabels(record: ErpoRecord, locale: SiteLocale): string[] {
  return [...new Set(record.unverified.map((f) => FIELD_LABELS[f]?.[locale] ?? f))];
}

/** "up to 14 days", "up to 1 year", "hasta 5 años". */
export function formatDuration(days: number, locale: SiteLocale): string {
  if (days % 365 === 0) {
    const years = days / 365;
    if (locale === 'es') return `hasta ${years} ${years === 1 ? 'año' : 'años'}`;
    return `up to ${years} ${years === 1 ? 'year' : 'years'}`;
  }
  return locale === 'es' ? `hasta ${days} ${days === 1 ? 'día' : 'días'}` : `up to ${days} ${days === 1 ? 'day' : 'days'}`;
}

export const ERPO_TEXT = {
  en: {
    section: 'Red-flag laws',
    indexTitle: 'Red-flag laws by state',
    indexDescription:
      'Find your state’s red-flag law (Extreme Risk Protection Order) in plain words: who can ask a court, how long orders last, and the steps.',
    intro:
      'A red-flag law helps protect a person in crisis and the people around them. A judge can order the person to give up their firearms for a while. They also cannot buy new ones. The judge decides after hearing the facts. Many states call it an Extreme Risk Protection Order (ERPO).',
    finderHeading: 'Find your state',
    zipLabel: 'ZIP code',
    zipHint: 'For example, 97201. We do not keep or log the ZIP code you enter.',
    zipButton: 'Find my state’s law',
    stateLabel: 'Or choose a state',
    stateButton: 'Show this state',
    chooseState: 'Choose a state',
    whichOption: 'Not sure what fits your situation? Read our short guide',
    downloadHeading: 'Use this data',
    downloadText:
      'You can reuse the data for all 50 states and DC for free. The license is Creative Commons Attribution 4.0 (CC BY 4.0). Just name Lockline as the source.',
    downloadJson: 'Download JSON',
    downloadCsv: 'Download CSV (spreadsheet)',
    lastReviewed: 'Last reviewed',
    quickExit: 'Leave this page quickly',
    quickExitHint: 'Opens the National Weather Service site. It does not clear your browser history.',
    stateTitle: (name: string) => `Red-flag law in ${name}`,
    lawName: 'Name of the law',
    citation: 'Law',
    enacted: 'Passed',
    effective: 'In effect since',
    whoHeading: 'Who can ask the court for an order',
    othersCanAsk: 'If you are not on this list, you can ask the police to file.',
    requestersHeading: 'Who can ask for an investigation',
    requestersIntro: 'These people cannot ask the court for the order themselves. They can ask for an investigation, and then the police or a prosecutor decide whether to ask for the order.',
    durationHeading: 'How long orders last',
    emergency: 'Emergency or temporary order (before a full hearing)',
    emergencyUnlessContested: 'First order, made without a hearing',
    unlessContested: 'unless the person asks for a hearing',
    unlessContestedNote:
      'In this state the first order does not end at a hearing a few days later, as in most states. It stays in place for its full length unless the person asks for a hearing.',
    final: 'Final order (after a hearing)',
    noFixedEnd: 'no fixed end date (see the note)',
    stepsHeading: 'How to ask for an order',
    linksHeading: 'Official court pages and forms',
    noLinks: 'We could not confirm an official page for this state. Your county court clerk can tell you how to file.',
    alternativesHeading: 'Other ways to help',
    alternativesHeadingNone: 'What you can do',
    sourcesHeading: 'Sources',
    accessed: 'checked',
    whyCited: 'Cited because:',
    unverified: 'We could not fully confirm:',
    unverifiedHelp: 'Check these details with the court before you rely on them.',
    notAdvice:
      'This is general information, not legal advice. Laws change. For help with your case, contact the court clerk or a legal aid office.',
    hope: 'Taking firearms away for a while during a crisis saves lives. A crisis passes, and people get through it.',
    allStates: 'See all states',
    danger: 'If someone is in danger right now, call 911.',
  },
  es: {
    section: 'Leyes de bandera roja',
    indexTitle: 'Leyes de bandera roja por estado',
    indexDescription:
      'Conozca la ley de bandera roja de su estado (orden de protección por riesgo extremo) en palabras sencillas: quién puede pedirla, cuánto dura y los pasos.',
    intro:
      'Una ley de bandera roja sirve para proteger a una persona en crisis y a quienes la rodean. Un juez puede ordenar que la persona entregue sus armas por un tiempo. Tampoco podrá comprar otras. El juez decide después de oír los hechos. En muchos estados, esta orden se llama orden de protección por riesgo extremo (ERPO, por sus siglas en inglés).',
    finderHeading: 'Busque su estado',
    zipLabel: 'Código postal (ZIP)',
    zipHint: 'Por ejemplo, 97201. No guardamos ni registramos el código postal que escriba.',
    zipButton: 'Buscar la ley de mi estado',
    stateLabel: 'O elija un estado',
    stateButton: 'Ver este estado',
    chooseState: 'Elija un estado',
    whichOption: '¿No sabe qué opción es la adecuada? Lea nuestra guía breve',
    downloadHeading: 'Use estos datos',
    downloadText:
      'Puede usar gratis los datos de los 50 estados y el Distrito de Columbia (DC). La licencia es Creative Commons Atribución 4.0 (CC BY 4.0). Solo mencione a Lockline como fuente.',
    downloadJson: 'Descargar JSON',
    downloadCsv: 'Descargar CSV (hoja de cálculo)',
    lastReviewed: 'Última revisión',
    quickExit: 'Salir rápido de esta página',
    quickExitHint: 'Abre el sitio del Servicio Meteorológico Nacional. No borra el historial de su navegador.',
    stateTitle: (name: string) => `Ley de bandera roja en ${name}`,
    lawName: 'Nombre de la ley',
    citation: 'Ley',
    enacted: 'Aprobada',
    effective: 'Vigente desde',
    whoHeading: 'Quién puede pedirle la orden a la corte',
    othersCanAsk: 'Si usted no está en esta lista, puede pedirle a la policía que la solicite.',
    requestersHeading: 'Quién puede pedir una investigación',
    requestersIntro: 'Estas personas no pueden pedirle la orden a la corte por su cuenta. Pueden pedir una investigación, y luego la policía o un fiscal deciden si piden la orden.',
    durationHeading: 'Cuánto duran las órdenes',
    emergency: 'Orden de emergencia o temporal (antes de una audiencia completa)',
    emergencyUnlessContested: 'Primera orden, dictada sin audiencia',
    unlessContested: 'a menos que la persona pida una audiencia',
    unlessContestedNote:
      'En este estado, la primera orden no termina con una audiencia a los pocos días, como en la mayoría de los estados. Sigue vigente todo ese tiempo a menos que la persona pida una audiencia.',
    final: 'Orden final (después de una audiencia)',
    noFixedEnd: 'sin fecha fija de vencimiento (vea la nota)',
    stepsHeading: 'Cómo pedir una orden',
    linksHeading: 'Páginas oficiales y formularios de la corte',
    noLinks: 'No pudimos confirmar una página oficial para este estado. El secretario de la corte de su condado le puede decir cómo presentar la petición.',
    alternativesHeading: 'Otras formas de ayudar',
    alternativesHeadingNone: 'Lo que usted puede hacer',
    sourcesHeading: 'Fuentes',
    accessed: 'revisada el',
    whyCited: 'La citamos porque:',
    unverified: 'No pudimos confirmar del todo:',
    unverifiedHelp: 'Confirme estos datos con la corte antes de confiar en ellos.',
    notAdvice:
      'Esta es información general, no asesoría legal. Las leyes cambian. Para ayuda con su caso, comuníquese con el secretario de la corte o con una oficina de ayuda legal.',
    hope: 'Alejar las armas por un tiempo en una crisis salva vidas. La crisis pasa y las personas salen adelante.',
    allStates: 'Ver todos los estados',
    danger: 'Si alguien está en peligro ahora mismo, llame al 911.',
  },
} as const;
