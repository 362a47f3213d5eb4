import { registry } from "@web/core/registry";

// A merchant applies on the platform's website (a PDF licence and a PNG identity document),
// the platform approves in the back office, and the new venue's manager logs in and finds
// its venue's back office: no RPC.

const tours = registry.category("web_tour.tours");

function attach(name, bytes, type) {
    return {
        content: `attach ${name}`,
        trigger: `input[type=file][name='${name === "licence.pdf" ? "licence_file" : "id_file"}']`,
        run() {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(bytes)], name, { type }));
            this.anchor.files = transfer.files;
        },
    };
}

const PDF = [...new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\n")];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0];

tours.add("flex_gift_merchant_apply", {
    steps: () => [
        { content: "business name", trigger: "input[name=name]", run: "edit Kiln Works" },
        { content: "contact", trigger: "input[name=contact_name]", run: "edit Kim Kiln" },
        { content: "e-mail", trigger: "input[name=email]", run: "edit kiln@example.com" },
        { content: "about", trigger: "textarea[name=description]", run: "edit Stoneware cups, fired by hand." },
        attach("licence.pdf", PDF, "application/pdf"),
        attach("id.png", PNG, "image/png"),
        {
            content: "apply",
            trigger: ".o_flex_gift_application_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the status page: under review",
            trigger: ".o_flex_gift_application_status:contains(Kiln Works) .o_flex_gift_application_state:contains(Submitted)",
        },
    ],
});

tours.add("flex_gift_application_approve", {
    steps: () => [
        {
            content: "the application to review",
            trigger: ".o_data_row td.o_data_cell:contains(Kiln Works)",
            run: "click",
        },
        {
            content: "its documents are there, to download",
            trigger: ".o_field_widget[name=licence_file] .o_download_file_button",
        },
        {
            content: "approve",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "approved: the venue is created",
            trigger: ".o_field_widget[name=venue_id]:contains(Kiln Works)",
            timeout: 60000,
        },
    ],
});

tours.add("flex_gift_new_venue_back_office", {
    steps: () => [
        {
            content: "the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "open the Venue app",
            trigger: ".o_app[data-menu-xmlid='flex_gift_venue.flex_gift_venue_menu']",
            run: "click",
        },
        {
            content: "the venue's menus",
            trigger: ".o_menu_sections:contains(Orders):contains(Financial Report)",
        },
        {
            content: "its venues",
            trigger: ".o_menu_sections [data-menu-xmlid='flex_gift_venue.flex_gift_venue_venues_menu']",
            run: "click",
        },
        {
            content: "all venues",
            trigger: "[data-menu-xmlid='flex_gift_venue.flex_gift_venue_list_menu']",
            run: "click",
        },
        {
            content: "its own venue, nobody else's",
            trigger: ".o_list_renderer:has(.o_data_row:contains(Kiln Works)):not(:has(.o_data_row:contains(Harbour Gifts)))",
        },
    ],
});
