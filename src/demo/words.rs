//! The words the demo programme is made of.

pub(super) struct NeighbourhoodSeed {
    pub name: &'static str,
    pub town: &'static str,
    pub districts: &'static [&'static str],
    pub localities: &'static [&'static str],
}

/// The Fylde Coast's eleven neighbourhoods.
pub(super) const NEIGHBOURHOODS: &[NeighbourhoodSeed] = &[
    NeighbourhoodSeed {
        name: "Bispham & Norbreck",
        town: "Blackpool",
        districts: &["FY2"],
        localities: &["Bispham", "Norbreck", "Anchorsholme", "Little Bispham"],
    },
    NeighbourhoodSeed {
        name: "Blackpool Central",
        town: "Blackpool",
        districts: &["FY1"],
        localities: &["Talbot", "Brunswick", "Claremont", "Blackpool Town Centre"],
    },
    NeighbourhoodSeed {
        name: "Layton & Warbreck",
        town: "Blackpool",
        districts: &["FY3", "FY2"],
        localities: &["Layton", "Warbreck", "Greenlands", "Grange Park"],
    },
    NeighbourhoodSeed {
        name: "South Shore",
        town: "Blackpool",
        districts: &["FY4", "FY1"],
        localities: &["Waterloo", "Bloomfield", "Highfield", "South Shore"],
    },
    NeighbourhoodSeed {
        name: "Marton & Mereside",
        town: "Blackpool",
        districts: &["FY4", "FY3"],
        localities: &["Marton", "Mereside", "Hawes Side", "Stanley"],
    },
    NeighbourhoodSeed {
        name: "Fleetwood",
        town: "Fleetwood",
        districts: &["FY7"],
        localities: &["Fleetwood", "Larkholme", "Flakefleet", "Rossall"],
    },
    NeighbourhoodSeed {
        name: "Thornton & Cleveleys",
        town: "Thornton-Cleveleys",
        districts: &["FY5"],
        localities: &["Thornton", "Cleveleys", "Norcross", "Bourne"],
    },
    NeighbourhoodSeed {
        name: "Poulton-le-Fylde",
        town: "Poulton-le-Fylde",
        districts: &["FY6"],
        localities: &["Poulton", "Carleton", "Hardhorn", "Singleton"],
    },
    NeighbourhoodSeed {
        name: "Knott End & Over Wyre",
        town: "Poulton-le-Fylde",
        districts: &["FY6"],
        localities: &["Knott End", "Preesall", "Hambleton", "Stalmine"],
    },
    NeighbourhoodSeed {
        name: "Lytham",
        town: "Lytham St Annes",
        districts: &["FY8"],
        localities: &["Lytham", "Ansdell", "Fairhaven", "Saltcotes"],
    },
    NeighbourhoodSeed {
        name: "St Annes",
        town: "Lytham St Annes",
        districts: &["FY8"],
        localities: &["St Annes", "Heyhouses", "Squires Gate", "Cross Slack"],
    },
];

pub(super) const CATEGORIES: &[&str] = &[
    "older people",
    "mental health",
    "food",
    "environment",
    "children and young people",
    "arts",
    "sport",
    "faith",
    "disability",
    "carers",
    "homelessness",
];

pub(super) struct GroupPattern {
    pub name: &'static str,
    pub description: &'static str,
    pub categories: &'static [&'static str],
}

pub(super) const GROUP_PATTERNS: &[GroupPattern] = &[
    GroupPattern {
        name: "{place} Walking Group",
        description: "Friendly led walks twice a week around {place} for people of all abilities, finishing with a cuppa.",
        categories: &["sport", "older people", "mental health"],
    },
    GroupPattern {
        name: "{place} Community Pantry",
        description: "A low-cost food pantry for families in {place}, with cooking sessions and benefits advice.",
        categories: &["food"],
    },
    GroupPattern {
        name: "{place} Men's Shed",
        description: "A workshop where men in {place} meet to make, mend and chat. Woodwork, bike repairs and company.",
        categories: &["mental health", "older people"],
    },
    GroupPattern {
        name: "{place} Carers' Café",
        description: "A monthly café where unpaid carers from {place} get a break, a listening ear and practical information.",
        categories: &["carers"],
    },
    GroupPattern {
        name: "Friends of {place} Park",
        description: "Volunteers who look after the park in {place}: planting, litter picks, events and a wildlife area.",
        categories: &["environment"],
    },
    GroupPattern {
        name: "{place} Food Bank",
        description: "Emergency food parcels for people in crisis across {place}, with referrals from local agencies.",
        categories: &["food", "homelessness"],
    },
    GroupPattern {
        name: "{place} Youth Club",
        description: "Open-access youth club for 11 to 18 year olds in {place}: sport, music, trips and a safe place to be.",
        categories: &["children and young people"],
    },
    GroupPattern {
        name: "{place} Over 60s Lunch Club",
        description: "A hot two-course lunch and activities every week for older people in {place}; transport for those who need it.",
        categories: &["older people", "food"],
    },
    GroupPattern {
        name: "{place} Community Garden",
        description: "A shared garden in {place} growing fruit and vegetables, with therapeutic gardening sessions.",
        categories: &["environment", "mental health"],
    },
    GroupPattern {
        name: "{place} Methodist Church",
        description: "A church in {place} that runs a toddler group, a warm space in winter and a community choir.",
        categories: &["faith"],
    },
    GroupPattern {
        name: "St {saint}'s Church, {place}",
        description: "Parish church in {place} hosting a foodbank collection point, lunch club and bereavement group.",
        categories: &["faith", "older people"],
    },
    GroupPattern {
        name: "{place} Islamic Centre Community Kitchen",
        description: "Free community meals from the mosque kitchen in {place}, open to all, every Friday and Sunday.",
        categories: &["faith", "food"],
    },
    GroupPattern {
        name: "{place} Arts Collective",
        description: "Local artists running open workshops, murals and exhibitions with residents of {place}.",
        categories: &["arts"],
    },
    GroupPattern {
        name: "{place} Junior Football Club",
        description: "Grassroots football for boys and girls aged 5 to 16 in {place}, run by volunteer coaches.",
        categories: &["sport", "children and young people"],
    },
    GroupPattern {
        name: "{place} Dementia Café",
        description: "A relaxed café for people living with dementia in {place} and the people who care for them.",
        categories: &["older people", "carers"],
    },
    GroupPattern {
        name: "{place} Sight Loss Support Group",
        description: "Peer support, talking newspapers and technology help for blind and partially sighted people in {place}.",
        categories: &["disability"],
    },
    GroupPattern {
        name: "{place} Wheelchair Sports Club",
        description: "Wheelchair basketball, boccia and new-age kurling sessions in {place} for disabled adults and children.",
        categories: &["disability", "sport"],
    },
    GroupPattern {
        name: "{place} Parent and Toddler Group",
        description: "Weekly play, songs and support for parents and carers of under-fives in {place}.",
        categories: &["children and young people"],
    },
    GroupPattern {
        name: "{place} Tenants' and Residents' Association",
        description: "Residents of {place} working together on housing, safety and community events.",
        categories: &[],
    },
    GroupPattern {
        name: "{place} Beach Clean Volunteers",
        description: "Monthly beach and dune cleans along the {place} coast, with litter surveys for the Marine Conservation Society.",
        categories: &["environment"],
    },
    GroupPattern {
        name: "{place} Homeless Outreach",
        description: "Evening outreach, hot drinks and signposting for people sleeping rough in and around {place}.",
        categories: &["homelessness"],
    },
    GroupPattern {
        name: "{place} Hearing Voices Group",
        description: "A peer-led, confidential group in {place} for people who hear voices or have unusual experiences.",
        categories: &["mental health"],
    },
    GroupPattern {
        name: "{place} Community Choir",
        description: "A no-audition community choir in {place}; everyone welcome, no need to read music.",
        categories: &["arts", "mental health"],
    },
    GroupPattern {
        name: "{place} Scouts",
        description: "Scouting in {place} for young people aged 6 to 14, with camps, badges and community projects.",
        categories: &["children and young people"],
    },
    GroupPattern {
        name: "{place} Allotment Society",
        description: "Allotment holders in {place} with a shared plot for schools and a seed swap every spring.",
        categories: &["environment"],
    },
    GroupPattern {
        name: "{place} Repair Café",
        description: "Volunteers in {place} fixing clothes, toys, bikes and electricals for free, to keep things out of landfill.",
        categories: &["environment"],
    },
    GroupPattern {
        name: "{place} Bereavement Support",
        description: "One-to-one and group support in {place} for adults who have lost someone close.",
        categories: &["mental health"],
    },
    GroupPattern {
        name: "{place} Young Carers",
        description: "Activities, breaks and support for children in {place} who look after someone at home.",
        categories: &["carers", "children and young people"],
    },
    GroupPattern {
        name: "{place} Stroke Club",
        description: "A social club in {place} for stroke survivors and their families, with exercise and speech practice.",
        categories: &["disability", "older people"],
    },
    GroupPattern {
        name: "{place} Knit and Natter",
        description: "Knitting, crochet and good company in {place}; blankets and hats go to the neonatal unit.",
        categories: &["older people", "arts"],
    },
    GroupPattern {
        name: "Siobhán's Sewing Circle, {place}",
        description: "A sewing and alterations circle in {place} that teaches skills and makes costumes for local schools.",
        categories: &["arts", "older people"],
    },
];

pub(super) const SAINTS: &[&str] =
    &["Anne", "John", "Peter", "Paul", "Mary", "Cuthbert", "Thomas", "Stephen", "Nicholas", "Chad", "Wilfrid"];

pub(super) const STREETS: &[&str] = &[
    "Church Road",
    "Station Road",
    "Victoria Street",
    "Queen Street",
    "Park Road",
    "Mill Lane",
    "School Lane",
    "Chapel Street",
    "North Drive",
    "Beach Road",
    "The Promenade",
    "Highfield Road",
    "Lytham Road",
    "Whitegate Drive",
    "Newton Drive",
    "Cop Lane",
    "Poulton Road",
    "Bond Street",
    "Albert Road",
    "King Street",
    "Orchard Avenue",
    "Rossall Road",
    "Warren Drive",
    "Moor Park Avenue",
    "Garstang Road",
    "Clifton Street",
    "Marsh Road",
    "Shore Road",
    "Green Lane",
    "Central Drive",
];

pub(super) const FIRST_NAMES: &[&str] = &[
    "Aisha",
    "Alan",
    "Amelia",
    "Amir",
    "Andrew",
    "Bethany",
    "Bilal",
    "Callum",
    "Catherine",
    "Chloé",
    "Connor",
    "Daniel",
    "Deborah",
    "Eleanor",
    "Emeka",
    "Fatima",
    "Gareth",
    "Grace",
    "Hannah",
    "Harpreet",
    "Ian",
    "Imran",
    "Jack",
    "Jasmine",
    "Joanne",
    "Kwame",
    "Laura",
    "Liam",
    "Lucy",
    "Mark",
    "Megan",
    "Mohammed",
    "Niamh",
    "Oliver",
    "Priya",
    "Rachel",
    "Rhys",
    "Ruth",
    "Sam",
    "Sarah",
    "Seán",
    "Siobhán",
    "Sophie",
    "Stuart",
    "Tariq",
    "Thomas",
    "Usha",
    "Victoria",
    "Wei",
    "Yasmin",
    "Zoë",
];

pub(super) const LAST_NAMES: &[&str] = &[
    "Ahmed",
    "Atkinson",
    "Bailey",
    "Barker",
    "Begum",
    "Bennett",
    "Brown",
    "Butterworth",
    "Chen",
    "Clarke",
    "Cooper",
    "Dawson",
    "Evans",
    "Fletcher",
    "Greenwood",
    "Hall",
    "Hargreaves",
    "Hussain",
    "Jackson",
    "Kaur",
    "Kelly",
    "Khan",
    "Lees",
    "Lord",
    "Marsden",
    "Mistry",
    "Nowak",
    "Nuttall",
    "O'Neill",
    "Okafor",
    "Patel",
    "Pickering",
    "Rigby",
    "Roberts",
    "Shah",
    "Singh",
    "Smith",
    "Taylor",
    "Thompson",
    "Walsh",
    "Whittaker",
    "Wilson",
    "Wood",
    "Wright",
];

pub(super) const CONTACT_ROLES: &[&str] =
    &["Chair", "Secretary", "Volunteer coordinator", "Manager", "Treasurer", "Project lead", "Founder"];

pub(super) const ACCESSIBILITY: &[&str] = &[
    "Step-free access and an accessible toilet.",
    "Ground floor only; one small step at the entrance.",
    "First-floor hall with a lift; hearing loop.",
    "Outdoor site with uneven paths; no accessible toilet.",
    "Step-free access; parking for blue badge holders.",
];

pub(super) struct OfferTemplate {
    pub title: &'static str,
    pub activity: &'static str,
    pub gains: &'static str,
    pub requirements: &'static str,
}

pub(super) const OFFER_TEMPLATES: &[OfferTemplate] = &[
    OfferTemplate {
        title: "Plan and serve a community lunch",
        activity: "Plan a menu on a budget, shop, cook and serve a two-course lunch for about 40 older people, then clear down.",
        gains: "A free lunch for members and a break for the regular volunteers.",
        requirements: "Food hygiene briefing on arrival. Bring an apron.",
    },
    OfferTemplate {
        title: "Refresh the community garden beds",
        activity: "Clear, dig and replant four raised beds and put up new signs, finishing by the end of the day.",
        gains: "A garden ready for the growing season.",
        requirements: "Outdoor clothing and sturdy footwear. Gloves provided.",
    },
    OfferTemplate {
        title: "Beach clean and litter survey",
        activity: "Organise a two-hour beach clean with local families and record what is found for the national survey.",
        gains: "A cleaner beach and survey data the group needs for funding.",
        requirements: "Outdoor clothing; check the tide times the day before.",
    },
    OfferTemplate {
        title: "Redecorate the games room",
        activity: "Prepare and paint the youth club's games room and put the furniture back in time for the evening session.",
        gains: "A brighter room for the young people.",
        requirements: "Old clothes. DBS check needed if young people are present.",
    },
    OfferTemplate {
        title: "Lead a wellbeing walk and picnic",
        activity: "Plan a safe route, lead a walk for members and run a picnic with a short feedback session.",
        gains: "New routes and ideas for the walking programme.",
        requirements: "Walking boots and waterproofs.",
    },
    OfferTemplate {
        title: "Sort and stock the food bank warehouse",
        activity: "Check dates, sort donations, restock the shelves and pack 60 parcels for the next distribution.",
        gains: "A month's donations sorted in a day.",
        requirements: "Closed-toe shoes. Some lifting.",
    },
    OfferTemplate {
        title: "Host a tea dance",
        activity: "Plan, set up and host an afternoon tea dance for older residents, including music, food and transport.",
        gains: "A social event members have asked for.",
        requirements: "Smart-casual clothes; be ready to dance.",
    },
    OfferTemplate {
        title: "Build raised beds for the allotment",
        activity: "Build three accessible raised beds from a kit so that wheelchair users can garden.",
        gains: "Accessible growing space.",
        requirements: "Outdoor clothing. Tools provided.",
    },
    OfferTemplate {
        title: "Run a family fun afternoon",
        activity: "Plan and run games, crafts and a healthy snack for up to 30 children and their parents.",
        gains: "An event for families and new contacts for the group.",
        requirements: "DBS check needed.",
    },
    OfferTemplate {
        title: "Create a mural with young people",
        activity: "Design a mural with the young people in the morning and paint it with them in the afternoon.",
        gains: "A mural for the centre's entrance.",
        requirements: "Old clothes. DBS check needed.",
    },
    OfferTemplate {
        title: "Help run a repair café",
        activity: "Welcome visitors, log repairs, run the café and plan how to publicise the next session.",
        gains: "Extra hands and a publicity plan.",
        requirements: "Nothing special; curiosity helps.",
    },
    OfferTemplate {
        title: "Plan a coffee morning for carers",
        activity: "Organise a coffee morning with speakers from local services, and gather carers' views on what would help.",
        gains: "A report of carers' views for the group's funders.",
        requirements: "Bring a laptop if you can.",
    },
    OfferTemplate {
        title: "Clear the footpath and plant bulbs",
        activity: "Clear an overgrown footpath through the nature area and plant 500 spring bulbs with local residents.",
        gains: "A path people can use again.",
        requirements: "Outdoor clothing and wellies.",
    },
    OfferTemplate {
        title: "Run a sports taster session",
        activity: "Plan and run a taster session in a new sport for disabled adults, with the group's coaches.",
        gains: "New members for the club.",
        requirements: "Sportswear.",
    },
];

pub(super) struct OrganisationSeed {
    pub name: &'static str,
    pub professions: &'static [&'static str],
}

/// Twelve organisations of a Fylde Coast systems leadership programme.
pub(super) const ORGANISATIONS: &[OrganisationSeed] = &[
    OrganisationSeed {
        name: "Blackpool Teaching Hospitals NHS Foundation Trust",
        professions: &["consultant", "nurse", "manager"],
    },
    OrganisationSeed {
        name: "Lancashire & South Cumbria NHS Foundation Trust",
        professions: &["mental health", "nurse", "manager"],
    },
    OrganisationSeed { name: "North West Ambulance Service", professions: &["paramedic", "manager"] },
    OrganisationSeed { name: "Blackpool Council", professions: &["social worker", "public health", "manager"] },
    OrganisationSeed { name: "Lancashire County Council", professions: &["social worker", "public health", "manager"] },
    OrganisationSeed { name: "Fylde Council", professions: &["manager", "public health"] },
    OrganisationSeed { name: "Wyre Council", professions: &["manager", "public health"] },
    OrganisationSeed {
        name: "NHS Lancashire & South Cumbria ICB",
        professions: &["manager", "public health", "nurse"],
    },
    OrganisationSeed { name: "Fylde Coast GP practices", professions: &["GP", "nurse", "manager"] },
    OrganisationSeed { name: "Lancashire Fire and Rescue Service", professions: &["manager", "other"] },
    OrganisationSeed { name: "Lancashire Constabulary", professions: &["manager", "other"] },
    OrganisationSeed { name: "Fylde Coast Council for Voluntary Service", professions: &["manager", "other"] },
];

pub(super) const PROFESSIONS: &[&str] = &[
    "consultant",
    "junior doctor",
    "GP",
    "nurse",
    "paramedic",
    "social worker",
    "mental health",
    "public health",
    "manager",
    "other",
];
