import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { deserializeDate, parseDate } from "@web/core/l10n/dates";

/**
 * The public claim page (/gift/<token>). Odoo's own address form script (portal's
 * CustomerAddress) reloads the states and the required marks when the country changes; this
 * one adds what a gift needs:
 * - the errors of the fields the visitor already filled in (typed in and left, or changed),
 *   beside each field, as the server's one validation (``_flex_gift_validate_claim``) says:
 *   nothing is marked on a first view;
 * - Odoo's date picker on the delivery date, in the visitor's language format, limited to the
 *   dates the gift can be delivered on.
 * Without scripts the form posts as it is and the page comes back with the same messages.
 */
export class FlexGiftClaimForm extends Interaction {
    static selector = ".o_flex_gift_claim_form";
    dynamicContent = {
        _root: {
            "t-on-input": this.onInput,
            "t-on-change": this.onChange,
            "t-on-focusout": this.onLeave,
        },
    };

    setup() {
        this.token = this.el.dataset.token;
        // fields typed in since they were last left, and fields the visitor is done with
        this.edited = new Set();
        // a page sent back by the server marks its wrong fields: they count as touched
        this.touched = new Set(
            [...this.el.querySelectorAll(".is-invalid")].map((el) => el.name).filter(Boolean)
        );
        this.checkSoon = this.debounced(this.check, 300);
        this.setupDatePicker();
    }

    setupDatePicker() {
        const input = this.el.querySelector("input[name='delivery_date']");
        const picker = this.services.datetime_picker;
        if (!input || !picker) {
            return;
        }
        const bound = (value) => (value ? deserializeDate(value) : false);
        let value = false;
        try {
            value = input.value ? parseDate(input.value) : false;
        } catch {
            value = false; // as typed: the server says what is wrong with it
        }
        if (!value) {
            return;
        }
        // the picker replaces the phone's keyboard (as Odoo's website forms do)
        input.setAttribute("inputmode", "none");
        this.registerCleanup(() => input.removeAttribute("inputmode"));
        this.registerCleanup(
            picker
                .create({
                    target: input,
                    onApply: () => {
                        this.touched.add(input.name);
                        this.checkSoon();
                    },
                    pickerProps: {
                        type: "date",
                        value,
                        minDate: bound(input.dataset.minDate),
                        maxDate: bound(input.dataset.maxDate),
                    },
                })
                .enable()
        );
    }

    onInput(ev) {
        if (!ev.target.name) {
            return;
        }
        this.edited.add(ev.target.name);
        if (this.touched.has(ev.target.name)) {
            this.checkSoon(); // a marked field is cleared as soon as it is right
        }
    }

    onChange(ev) {
        const name = ev.target.name;
        if (!name || ev.target.type === "hidden") {
            return;
        }
        this.touched.add(name);
        this.checkSoon();
    }

    onLeave(ev) {
        const name = ev.target.name;
        if (name && this.edited.has(name)) {
            this.touched.add(name);
            this.checkSoon();
        }
    }

    async check() {
        const seq = (this.seq = (this.seq || 0) + 1);
        const form = Object.fromEntries(
            [...new FormData(this.el).entries()].filter(([name]) => name !== "csrf_token")
        );
        const result = await this.waitFor(
            rpc(`/gift/${encodeURIComponent(this.token)}/check`, { form })
        );
        if (seq !== this.seq || !result.available) {
            return; // a later check answers, or the gift cannot be claimed (the post will say)
        }
        this.showErrors(result.errors);
    }

    showErrors(errors) {
        for (const feedback of this.el.querySelectorAll(".invalid-feedback[data-field]")) {
            const name = feedback.dataset.field;
            const field = this.el.querySelector(`[name='${name}']`);
            const message = this.touched.has(name) ? errors[name] : undefined;
            feedback.textContent = message || "";
            field?.classList.toggle("is-invalid", Boolean(message));
            if (message) {
                field?.setAttribute("aria-invalid", "true");
            } else {
                field?.removeAttribute("aria-invalid");
            }
        }
    }
}

registry.category("public.interactions").add("flex_gift_share.claim_form", FlexGiftClaimForm);
